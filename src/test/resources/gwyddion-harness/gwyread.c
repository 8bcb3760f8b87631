/*
 * Reference reading of an SPM file through Gwyddion's own file modules (libgwyapp).
 * Prints, for every image channel (container key /N/data), in Gwyddion's orientation
 * (row 0 = top row as Gwyddion displays it, x to the right):
 *   id, title, xres, yres, xreal, yreal (m or the file's lateral unit), xy unit, z unit,
 *   min, max, mean, rms (root mean square deviation from the mean), and the pixel values at
 *   (row, col) = (0,0), (0,xres-1), (yres-1,0), (yres-1,xres-1), (yres/2,xres/2).
 * Build and run: see README.md beside this file.
 */
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <gtk/gtk.h>
#include <libgwyddion/gwyddion.h>
#include <libprocess/gwyprocess.h>
#include <libgwymodule/gwymodule.h>
#include <libgwydgets/gwydgets.h>
#include <app/gwyapp.h>

static int cmp_int(const void *a, const void *b) { return *(const int*)a - *(const int*)b; }

static int ids[1024];
static int nids = 0;

static void collect(gpointer hkey, G_GNUC_UNUSED gpointer value, G_GNUC_UNUSED gpointer user)
{
    const gchar *key = g_quark_to_string(GPOINTER_TO_UINT(hkey));
    int id;
    char tail[64];
    if (sscanf(key, "/%d/dat%63s", &id, tail) == 2 && strcmp(tail, "a") == 0 && nids < 1024)
        ids[nids++] = id;
}

int main(int argc, char **argv)
{
    GError *err = NULL;
    GwyContainer *data;
    gchar **dirs;
    int i, k;

    if (argc != 2) {
        fprintf(stderr, "usage: gwyread FILE\n");
        return 2;
    }
    gwy_widgets_type_init();
    dirs = gwy_app_settings_get_module_dirs();
    gwy_module_register_modules((const gchar**)dirs);
    data = gwy_file_load(argv[1], GWY_RUN_NONINTERACTIVE, &err);
    if (!data) {
        fprintf(stderr, "gwyread: %s\n", err ? err->message : "cannot load");
        return 1;
    }
    printf("file\t%s\tmodule\t%s\n", argv[1], gwy_file_detect(argv[1], FALSE, GWY_FILE_OPERATION_LOAD));
    gwy_container_foreach(data, NULL, collect, NULL);
    qsort(ids, nids, sizeof(int), cmp_int);
    for (k = 0; k < nids; k++) {
        gchar key[64];
        const guchar *title = (const guchar*)"";
        GwyDataField *f;
        gint xres, yres;
        const gdouble *d;
        gchar *uxy, *uz;
        g_snprintf(key, sizeof(key), "/%d/data", ids[k]);
        f = GWY_DATA_FIELD(gwy_container_get_object_by_name(data, key));
        g_snprintf(key, sizeof(key), "/%d/data/title", ids[k]);
        gwy_container_gis_string_by_name(data, key, &title);
        xres = gwy_data_field_get_xres(f);
        yres = gwy_data_field_get_yres(f);
        d = gwy_data_field_get_data_const(f);
        uxy = gwy_si_unit_get_string(gwy_data_field_get_si_unit_xy(f), GWY_SI_UNIT_FORMAT_PLAIN);
        uz = gwy_si_unit_get_string(gwy_data_field_get_si_unit_z(f), GWY_SI_UNIT_FORMAT_PLAIN);
        printf("channel\t%d\ttitle\t%s\txres\t%d\tyres\t%d\txreal\t%.17g\tyreal\t%.17g\txyunit\t%s\tzunit\t%s\n",
               ids[k], title, xres, yres, gwy_data_field_get_xreal(f), gwy_data_field_get_yreal(f), uxy, uz);
        printf("  stats\tmin\t%.17g\tmax\t%.17g\tmean\t%.17g\trms\t%.17g\n",
               gwy_data_field_get_min(f), gwy_data_field_get_max(f), gwy_data_field_get_avg(f), gwy_data_field_get_rms(f));
        printf("  pixels\t[0,0]\t%.17g\t[0,%d]\t%.17g\t[%d,0]\t%.17g\t[%d,%d]\t%.17g\t[%d,%d]\t%.17g\n",
               d[0], xres-1, d[xres-1], yres-1, d[(gsize)(yres-1)*xres], yres-1, xres-1, d[(gsize)yres*xres-1],
               yres/2, xres/2, d[(gsize)(yres/2)*xres + xres/2]);
        g_free(uxy);
        g_free(uz);
    }
    (void)i;
    return 0;
}
