#@ ImagePlus (label = "OD stack (energies in the slice labels)") imp
#@output ImagePlus e0_map
#@output ImagePlus edge_step_map
/*
 * Example: Interphase's per-pixel XANES normalization called through its ImgLib2 API
 * (org.interphase.core.imglib.SpectralImgs) from a Fiji script. The stack's 32-bit planes are
 * wrapped as an ImgLib2 PlanarImg without copying; the results are ImgLib2 images over the
 * engine's own arrays, shown here as ImagePlus. Any RandomAccessibleInterval (x, y, energy) works
 * the same way, e.g. one made by ImgLib2 code or read by another library.
 * Install: copy into Fiji.app/scripts/Plugins/Interphase/ (with the Interphase jar in jars/).
 */
import ij.ImagePlus
import ij.process.FloatProcessor
import net.imglib2.view.Views
import org.interphase.core.imglib.SpectralImgs
import org.interphase.core.spectrum.XanesNormalization

def n = imp.getStackSize()
double[] energies = (1..n).collect { i ->
	def label = imp.getStack().getSliceLabel(i)
	if (label == null) throw new IllegalArgumentException("slice ${i} has no energy label such as \"708.25 eV\"")
	label.trim().split(/\s+/)[0] as double
} as double[]
float[][] planes = (1..n).collect { i -> imp.getStack().getProcessor(i).convertToFloat().getPixels() as float[] } as float[][]
def stack = SpectralImgs.planes(planes, imp.getWidth(), imp.getHeight())

def options = new XanesNormalization.Options()   // Athena-style defaults for L edges; see docs/xanes.md
def maps = SpectralImgs.normalizeXanes(stack, energies, options)

def toImagePlus = { String title, img ->
	def w = (int) img.dimension(0), h = (int) img.dimension(1)
	def fp = new FloatProcessor(w, h)
	def c = Views.flatIterable(img).cursor()
	for (int i = 0; i < w * h; i++) fp.setf(i, c.next().get())
	fp.resetMinAndMax()
	def out = new ImagePlus(title, fp)
	out.setCalibration(imp.getCalibration().copy())
	out
}
e0_map = toImagePlus("e0_map", maps["e0_map"])
edge_step_map = toImagePlus("edge_step_map", maps["edge_step_map"])
