/*
 * Gwyddion's statistical functions of one image channel, for the Surface Statistics tests.
 * Loads FILE through Gwyddion's file modules (as gwyread.c does), takes channel /ID/data,
 * subtracts the least-squares mean plane (gwy_data_field_fit_plane + gwy_data_field_plane_level)
 * and prints, values in SI units (m, rad/m):
 *   rms      gwy_data_field_get_rms of the levelled field
 *   psdf     gwy_data_field_psdf, horizontal (along x), linear interpolation, Hann window
 *   rpsdf    gwy_data_field_rpsdf, Hann window
 *   acf      gwy_data_field_acf, horizontal
 *   acf2d    gwy_data_field_2dacf: its size and the values along the x and y axes from the centre
 *   sal/str  the rule of Gwyddion 2.62's 2D ACF module (acf2d, threshold 0.2, not exported by the
 *            library, so evaluated here): pixels of the 2D ACF >= 0.2 ACF(0) connected to the centre
 *            pixel form a grain; over the pixel corners on the grain's boundary (a corner whose four
 *            pixels are neither all in nor all out), Sal is the smallest distance to the centre,
 *            tau2 the largest, Str = Sal/tau2
 *   fractal  gwy_data_field_fractal_psdf + gwy_data_field_fractal_psdf_dim (dimension, a, b)
 * A curve line is: name, res, real, offset, then the res values; rpsdf_k lists the K (rad/m) of the
 * rpsdf values, offset + i*real/res.
 * "gwystats --synthetic XRES YRES DX DY" replaces the file by a generated field (exact in double, so
 * that the Java test can build the same numbers): z[i][j] = ((7919 i + 104729 j + 31 i j) mod 1009)/1009
 * + i j/4096 at row i, column j, pixel size DX × DY metres.
 * Build and run: see README.md beside this file.
 */
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <math.h>
#include <gtk/gtk.h>
#include <libgwyddion/gwyddion.h>
#include <libprocess/gwyprocess.h>
#include <libgwymodule/gwymodule.h>
#include <libgwydgets/gwydgets.h>
#include <app/gwyapp.h>

static void print_line(const char *name, GwyDataLine *l)
{
    gint n = gwy_data_line_get_res(l), i;
    const gdouble *d = gwy_data_line_get_data_const(l);
    printf("%s\t%d\t%.17g\t%.17g", name, n, gwy_data_line_get_real(l), gwy_data_line_get_offset(l));
    for (i = 0; i < n; i++)
        printf("\t%.17g", d[i]);
    printf("\n");
}

/* Connected (4-neighbour) region of in[] containing the seed; flood fill with an explicit stack. */
static void grain(const gchar *in, gchar *out, gint xres, gint yres, gint seed)
{
    gint *stack = g_new(gint, (gsize)xres*yres), top = 0;
    memset(out, 0, (gsize)xres*yres);
    if (!in[seed]) { g_free(stack); return; }
    out[seed] = 1;
    stack[top++] = seed;
    while (top) {
        gint k = stack[--top], i = k/xres, j = k % xres, nb[4], m;
        nb[0] = i > 0 ? k - xres : -1;
        nb[1] = i < yres-1 ? k + xres : -1;
        nb[2] = j > 0 ? k - 1 : -1;
        nb[3] = j < xres-1 ? k + 1 : -1;
        for (m = 0; m < 4; m++)
            if (nb[m] >= 0 && in[nb[m]] && !out[nb[m]]) { out[nb[m]] = 1; stack[top++] = nb[m]; }
    }
    g_free(stack);
}

int main(int argc, char **argv)
{
    GError *err = NULL;
    GwyContainer *data;
    gchar **dirs;
    GwyDataField *f, *acf2;
    GwyDataLine *l, *lx, *ly;
    gchar key[64];
    gdouble a, bx, by, dim, fa, fb, thr = 0.2, r2min = G_MAXDOUBLE, r2max = 0, dx, dy, xc, yc, s0;
    gint xres, yres, i, j, cx, cy;
    const gdouble *d;
    gchar *in, *g;

    if (argc == 6 && !strcmp(argv[1], "--synthetic")) {
        gint sx = atoi(argv[2]), sy = atoi(argv[3]);
        gdouble *z;
        f = gwy_data_field_new(sx, sy, sx*g_ascii_strtod(argv[4], NULL), sy*g_ascii_strtod(argv[5], NULL), FALSE);
        z = gwy_data_field_get_data(f);
        for (i = 0; i < sy; i++)
            for (j = 0; j < sx; j++)
                z[i*sx + j] = ((7919*i + 104729*j + 31*i*j) % 1009)/1009.0 + (i*j)/4096.0;
        argv[2] = "0";
    }
    else if (argc != 3) {
        fprintf(stderr, "usage: gwystats FILE CHANNEL_ID | gwystats --synthetic XRES YRES DX DY\n");
        return 2;
    }
    else {
        gwy_widgets_type_init();
        dirs = gwy_app_settings_get_module_dirs();
        gwy_module_register_modules((const gchar**)dirs);
        data = gwy_file_load(argv[1], GWY_RUN_NONINTERACTIVE, &err);
        if (!data) {
            fprintf(stderr, "gwystats: %s\n", err ? err->message : "cannot load");
            return 1;
        }
        g_snprintf(key, sizeof(key), "/%s/data", argv[2]);
        f = gwy_data_field_duplicate(GWY_DATA_FIELD(gwy_container_get_object_by_name(data, key)));
    }
    gwy_data_field_fit_plane(f, &a, &bx, &by);
    gwy_data_field_plane_level(f, a, bx, by);
    printf("file\t%s\tchannel\t%s\txres\t%d\tyres\t%d\txreal\t%.17g\tyreal\t%.17g\n", argv[1], argv[2],
           gwy_data_field_get_xres(f), gwy_data_field_get_yres(f), gwy_data_field_get_xreal(f), gwy_data_field_get_yreal(f));
    printf("rms\t%.17g\n", gwy_data_field_get_rms(f));

    l = gwy_data_line_new(1, 1.0, FALSE);
    gwy_data_field_psdf(f, l, GWY_ORIENTATION_HORIZONTAL, GWY_INTERPOLATION_LINEAR, GWY_WINDOWING_HANN, -1);
    print_line("psdf", l);
    gwy_data_field_rpsdf(f, l, GWY_INTERPOLATION_LINEAR, GWY_WINDOWING_HANN, -1);
    print_line("rpsdf", l);
    printf("rpsdf_k\t%d", gwy_data_line_get_res(l));
    for (i = 0; i < gwy_data_line_get_res(l); i++)
        printf("\t%.17g", gwy_data_line_get_offset(l) + i*gwy_data_line_get_real(l)/gwy_data_line_get_res(l));
    printf("\n");
    gwy_data_field_acf(f, l, GWY_ORIENTATION_HORIZONTAL, GWY_INTERPOLATION_LINEAR, -1);
    print_line("acf", l);

    acf2 = gwy_data_field_new(1, 1, 1.0, 1.0, FALSE);
    gwy_data_field_2dacf(f, acf2);
    xres = gwy_data_field_get_xres(acf2);
    yres = gwy_data_field_get_yres(acf2);
    d = gwy_data_field_get_data_const(acf2);
    cx = xres/2;
    cy = yres/2;
    printf("acf2d\txres\t%d\tyres\t%d\txreal\t%.17g\tyreal\t%.17g\tcentre\t%.17g\n", xres, yres,
           gwy_data_field_get_xreal(acf2), gwy_data_field_get_yreal(acf2), d[cy*xres + cx]);
    lx = gwy_data_line_new(xres - cx, 1.0, FALSE);
    ly = gwy_data_line_new(yres - cy, 1.0, FALSE);
    for (j = cx; j < xres; j++)
        gwy_data_line_set_val(lx, j - cx, d[cy*xres + j]);
    for (i = cy; i < yres; i++)
        gwy_data_line_set_val(ly, i - cy, d[i*xres + cx]);
    print_line("acf2d_x", lx);
    print_line("acf2d_y", ly);

    s0 = d[cy*xres + cx];
    in = g_new(gchar, (gsize)xres*yres);
    g = g_new(gchar, (gsize)xres*yres);
    for (i = 0; i < xres*yres; i++)
        in[i] = d[i] >= thr*s0;
    grain(in, g, xres, yres, cy*xres + cx);
    dx = gwy_data_field_get_dx(acf2);
    dy = gwy_data_field_get_dy(acf2);
    xc = 0.5*dx*xres;
    yc = 0.5*dy*yres;
    for (i = 0; i <= yres; i++) {
        for (j = 0; j <= xres; j++) {
            gint n = 0;
            n += (i > 0 && j > 0) ? g[(i-1)*xres + j-1] : 0;
            n += (i > 0 && j < xres) ? g[(i-1)*xres + j] : 0;
            n += (i < yres && j > 0) ? g[i*xres + j-1] : 0;
            n += (i < yres && j < xres) ? g[i*xres + j] : 0;
            if (n != 0 && n != 4) {
                gdouble x = j*dx - xc, y = i*dy - yc, rr = x*x + y*y;
                if (rr < r2min) r2min = rr;
                if (rr > r2max) r2max = rr;
            }
        }
    }
    printf("sal\t%.17g\ttau2\t%.17g\tstr\t%.17g\tthreshold\t%g\n", sqrt(r2min), sqrt(r2max), sqrt(r2min/r2max), thr);

    {
        GwyDataLine *fx = gwy_data_line_new(1, 1.0, FALSE), *fy = gwy_data_line_new(1, 1.0, FALSE);
        gwy_data_field_fractal_psdf(f, fx, fy, GWY_INTERPOLATION_LINEAR);
        dim = gwy_data_field_fractal_psdf_dim(fx, fy, &fa, &fb);
        printf("fractal\tdimension\t%.17g\ta\t%.17g\tb\t%.17g\n", dim, fa, fb);
        print_line("fractal_x", fx);
        print_line("fractal_y", fy);
    }
    return 0;
}
