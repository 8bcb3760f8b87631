package org.interphase.core.afm;

import org.interphase.core.Parallel;
import org.interphase.core.Progress;

/**
 * Young's modulus from force curves (SCIENCE.md §4): baseline line, contact point, indentation
 * δ = (z − z_c) − (d − d_c), and the model F = a · δ^p fitted in closed form for a given contact
 * point (linear in a: a = Σ F·δ^p / Σ δ^2p). Maps run on all cores through {@link Parallel}; each
 * thread's {@link Worker} keeps its scratch arrays, so the per-curve loop allocates nothing.
 * Failures are reported per curve as a {@link Status}, never thrown.
 */
public final class IndentationFit {

	/** What to fit and how. */
	public static final class Settings {
		public IndentationModel model = IndentationModel.HERTZ_SPHERE;
		/** Tip radius, nm (sphere, DMT). */
		public double tipRadius = 20;
		/** Half-opening angle, degrees (cone, pyramid). */
		public double halfAngle = 18;
		public double poisson = 0.5;
		/** Fit the retract segment instead of the approach (DMT always uses the retract). */
		public boolean retract = false;
		public ContactPoint.Method contactMethod = ContactPoint.Method.RESIDUAL;
		/** Fit range as fractions (0..1) of the maximum indentation, or for DMT of the force above adhesion. */
		public double fitMin = 0, fitMax = 1;
		/**
		 * {@link ContactPoint.Method#FIT} only: width (nm) of nanite's contact-point weighting, residuals
		 * scaled by min(1, |s − s_c| / width); 0 = unweighted.
		 */
		public double contactWeight = 0;
		/** Reliability: fewer points in contact than this flags the curve ({@link Status#FEW_IN_CONTACT}). */
		public int minPoints = 10;
		/** Reliability: R² below this flags the curve ({@link Status#LOW_R_SQUARED}); 0 = never. */
		public double minRSquared = 0;

		/** The segment the fit uses. */
		public boolean usesRetract() {
			return retract || model == IndentationModel.DMT;
		}
	}

	/** Outcome of one curve. */
	public enum Status {
		OK("ok"), NO_CURVE("no curve at this position"), TOO_SHORT("segment too short"), NOT_FINITE("non-finite samples"),
		NO_SPRING_CONSTANT("no spring constant"), NO_CONTACT("no contact found"), TOO_FEW_POINTS("fewer than 3 points in the fit range"),
		NO_INDENTATION("no positive indentation / modulus"),
		/** Fitted, but fewer than {@link Settings#minPoints} points lie beyond the contact point. */
		FEW_IN_CONTACT("too few points in contact"),
		/** Fitted, but R² is below {@link Settings#minRSquared}. */
		LOW_R_SQUARED("R² below threshold"),
		/** Fitted, but the contact point lies at (or beyond) an end of the curve. */
		CONTACT_AT_END("contact point at the curve's end");

		public final String text;

		Status(String text) {
			this.text = text;
		}

		/** True for a fit that produced numbers but is flagged as unreliable. */
		public boolean flagged() {
			return this == FEW_IN_CONTACT || this == LOW_R_SQUARED || this == CONTACT_AT_END;
		}
	}

	/** Per-curve numbers; NaN where the fit failed. */
	public static final class CurveResult {
		/** Young's modulus, Pa. */
		public double modulus = Double.NaN;
		/** Contact point: piezo position z_c, nm (the curve's own z axis). */
		public double contact = Double.NaN;
		/** Adhesion: baseline − retract minimum, nN (positive for a pull-off). */
		public double adhesion = Double.NaN;
		public double rSquared = Double.NaN;
		/** Amplitude a of F = a·δ^p, nN/nm^p. */
		public double amplitude = Double.NaN;
		/** With {@link ContactPoint.Method#FIT}: the fitted constant force baseline b, nN (NaN otherwise). */
		public double baseline = Double.NaN;
		/** Points fitted (with {@link ContactPoint.Method#FIT}: points beyond the contact point). */
		public int points;
		public Status status = Status.NO_CURVE;

		void clear() {
			modulus = contact = adhesion = rSquared = amplitude = baseline = Double.NaN;
			points = 0;
			status = Status.NO_CURVE;
		}
	}

	/** Results of a whole grid, row by row like the map. */
	public static final class MapResult {
		public final int width, height;
		public final double[] modulus, contact, adhesion, rSquared, baseline;
		public final int[] points;
		public final Status[] status;

		MapResult(int width, int height) {
			this.width = width;
			this.height = height;
			int n = width * height;
			modulus = new double[n];
			contact = new double[n];
			adhesion = new double[n];
			rSquared = new double[n];
			baseline = new double[n];
			points = new int[n];
			status = new Status[n];
		}
	}

	/** A curve prepared for plotting: x = z − z_c (nm), baseline-corrected force and the model (nN). */
	public static final class Trace {
		public final double[] x, force, fit;
		public final CurveResult result;

		Trace(double[] x, double[] force, double[] fit, CurveResult result) {
			this.x = x;
			this.force = force;
			this.fit = fit;
			this.result = result;
		}
	}

	/** Candidate contact points evaluated on the first (coarse) pass of the residual search. */
	static final int COARSE_CANDIDATES = 40;
	/** Fraction of the curve (far end) always treated as baseline. */
	static final double MIN_BASELINE_FRACTION = 0.1;

	private IndentationFit() {}

	/** Fits every curve of {@code map} on all cores. */
	public static MapResult fitMap(ForceMap map, Settings settings, Progress progress) {
		MapResult r = new MapResult(map.width, map.height);
		int n = map.curves.length;
		Parallel.forBlocks(n, Math.max(1, Math.min(64, n / (8 * Parallel.threads()) + 1)), progress, "fitting force curves", () -> {
			Worker w = new Worker(settings);
			CurveResult cr = new CurveResult();
			return (from, to) -> {
				for (int i = from; i < to; i++) {
					w.fit(map.curves[i], cr);
					r.modulus[i] = cr.modulus;
					r.contact[i] = cr.contact;
					r.adhesion[i] = cr.adhesion;
					r.rSquared[i] = cr.rSquared;
					r.baseline[i] = cr.baseline;
					r.points[i] = cr.points;
					r.status[i] = cr.status;
				}
			};
		});
		return r;
	}

	/** Fits one curve and returns the data and the model for a plot. */
	public static Trace trace(ForceCurve curve, Settings settings) {
		Worker w = new Worker(settings);
		CurveResult cr = new CurveResult();
		w.fit(curve, cr);
		int n = w.n;
		double[] x = new double[n], f = new double[n], fit = new double[n];
		boolean dmt = settings.model == IndentationModel.DMT;
		double zc = Double.isNaN(cr.contact) ? 0 : cr.contact - w.z0;
		for (int i = 0; i < n; i++) {
			double fc = w.f[i] - (w.b0 + w.b1 * w.z[i]);
			x[i] = w.z[i] - zc;
			f[i] = fc;
			fit[i] = Double.NaN;
			if ((cr.status == Status.OK || cr.status.flagged()) && w.inFit[i]) {
				double delta = dmt ? w.z[i] - fc / w.k - w.s0 : (w.z[i] - zc) - fc / w.k;
				fit[i] = (dmt ? w.fAdh : 0) + cr.amplitude * settings.model.shape(delta, settings.tipRadius);
			}
		}
		return new Trace(x, f, fit, cr);
	}

	/**
	 * Per-thread fitter with scratch arrays that grow to the longest curve seen. Internally z is
	 * shifted by z0 (the first sample) and F by f0 (the first sample's force) so the running sums
	 * keep their precision.
	 */
	public static final class Worker {
		final Settings s;
		final double prefactor;
		double[] z = new double[0], f = new double[0], fc = new double[0];
		double[] pz, pf, pzz, pzf, pff;
		boolean[] inFit = new boolean[0];
		int n;
		double k, z0, f0;
		// baseline line of the current candidate and the last fit's state
		double b0, b1, lineSsr;
		double s0, fAdh; // DMT

		public Worker(Settings settings) {
			this.s = settings;
			this.prefactor = settings.model.prefactor(settings.tipRadius, settings.halfAngle, settings.poisson);
			grow(1024);
		}

		private void grow(int cap) {
			if (z.length >= cap) return;
			z = new double[cap];
			f = new double[cap];
			fc = new double[cap];
			inFit = new boolean[cap];
			pz = new double[cap + 1];
			pf = new double[cap + 1];
			pzz = new double[cap + 1];
			pzf = new double[cap + 1];
			pff = new double[cap + 1];
		}

		/** Fits {@code curve} into {@code out} (cleared first). */
		public void fit(ForceCurve curve, CurveResult out) {
			out.clear();
			n = 0;
			if (curve == null) return;
			boolean dmt = s.model == IndentationModel.DMT;
			boolean useRetract = s.usesRetract();
			double[] zs = useRetract ? curve.retractZ : curve.approachZ;
			double[] fs = useRetract ? curve.retractForce : curve.approachForce;
			out.adhesion = adhesion(curve);
			k = curve.springConstant;
			if (!(k > 0) || Double.isInfinite(k)) {
				out.status = Status.NO_SPRING_CONSTANT;
				return;
			}
			if (zs.length < 12) {
				out.status = Status.TOO_SHORT;
				return;
			}
			if (!load(zs, fs, useRetract)) {
				out.status = Status.NOT_FINITE;
				return;
			}
			if (dmt) fitDmt(out);
			else fitIndentation(out);
		}

		/** Copies the segment far → near, centred, and builds the running sums. */
		private boolean load(double[] zs, double[] fs, boolean reverse) {
			int len = zs.length;
			grow(len);
			n = len;
			z0 = reverse ? zs[len - 1] : zs[0];
			f0 = reverse ? fs[len - 1] : fs[0];
			for (int i = 0; i < len; i++) {
				int j = reverse ? len - 1 - i : i;
				double zi = zs[j] - z0, fi = fs[j] - f0;
				if (!Double.isFinite(zi) || !Double.isFinite(fi)) return false;
				z[i] = zi;
				f[i] = fi;
				inFit[i] = false;
			}
			pz[0] = pf[0] = pzz[0] = pzf[0] = pff[0] = 0;
			for (int i = 0; i < len; i++) {
				double zi = z[i], fi = f[i];
				pz[i + 1] = pz[i] + zi;
				pf[i + 1] = pf[i] + fi;
				pzz[i + 1] = pzz[i] + zi * zi;
				pzf[i + 1] = pzf[i] + zi * fi;
				pff[i + 1] = pff[i] + fi * fi;
			}
			return true;
		}

		/** Least-squares line through points [0, c): sets b0, b1, lineSsr. */
		private void line(int c) {
			double m = c, sz = pz[c], sf = pf[c];
			double dzz = pzz[c] - sz * sz / m, dzf = pzf[c] - sz * sf / m, dff = pff[c] - sf * sf / m;
			b1 = dzz > 0 ? dzf / dzz : 0;
			b0 = (sf - b1 * sz) / m;
			lineSsr = Math.max(0, dff - b1 * dzf);
		}

		/**
		 * Model residual for the contact at split index c and position zc (internal z), with the
		 * current baseline; uses points with δ ≤ fitMax · δmax.
		 */
		private double modelSsr(int c, double zc) {
			return modelSsr(c, zc, 1);
		}

		/** As above over every {@code stride}-th point (the coarse pass). */
		private double modelSsr(int c, double zc, int stride) {
			double invK = 1 / k, bb0 = b0, bb1 = b1;
			double lim = Double.POSITIVE_INFINITY;
			if (s.fitMax < 1) {
				double dmax = 0;
				for (int i = c; i < n; i += stride) {
					double d = z[i] - zc - (f[i] - bb0 - bb1 * z[i]) * invK;
					if (d > dmax) dmax = d;
				}
				if (dmax <= 0) return Double.POSITIVE_INFINITY;
				lim = s.fitMax * dmax;
			}
			double sff = 0, sfg = 0, sgg = 0;
			double[] zz = z, ff = f;
			if (s.model.exponent == 2) {
				for (int i = c; i < n; i += stride) {
					double fci = ff[i] - bb0 - bb1 * zz[i];
					double d = zz[i] - zc - fci * invK;
					if (d > lim) continue;
					sff += fci * fci;
					if (d > 0) {
						double g = d * d;
						sfg += fci * g;
						sgg += g * g;
					}
				}
			} else {
				boolean exact = s.model == IndentationModel.SNEDDON_SPHERE;
				double r = s.tipRadius;
				for (int i = c; i < n; i += stride) {
					double fci = ff[i] - bb0 - bb1 * zz[i];
					double d = zz[i] - zc - fci * invK;
					if (d > lim) continue;
					sff += fci * fci;
					if (d > 0) {
						double g = exact ? s.model.shape(d, r) : d * Math.sqrt(d);
						sfg += fci * g;
						sgg += g * g;
					}
				}
			}
			if (sgg <= 0 || sfg <= 0) return sff * stride;
			return (sff - sfg * sfg / sgg) * stride;
		}

		private double total(int c, int stride) {
			line(c);
			return lineSsr + modelSsr(c, z[c], stride);
		}

		private void fitIndentation(CurveResult out) {
			if (s.contactMethod == ContactPoint.Method.FIT) {
				fitFree(out);
				reliability(out, contactIndex);
				return;
			}
			int cMin = Math.max(3, (int) (n * MIN_BASELINE_FRACTION)), cMax = n - 4;
			if (cMax <= cMin) {
				out.status = Status.TOO_SHORT;
				return;
			}
			int c;
			switch (s.contactMethod) {
				case THRESHOLD: {
					int nb = Math.max(cMin, n / 5);
					line(nb);
					correct();
					double sigma = Math.sqrt(lineSsr / nb);
					c = ContactPoint.threshold(fc, n, sigma);
					break;
				}
				case VARIANCE_RATIO: {
					line(Math.max(cMin, n / 5));
					correct();
					c = ContactPoint.varianceRatio(fc, n, Math.max(5, n / 20));
					break;
				}
				default:
					c = residualSearch(cMin, cMax);
			}
			if (c < 0) {
				out.status = Status.NO_CONTACT;
				return;
			}
			c = Math.max(cMin, Math.min(cMax, c));
			line(c);
			double zc = z[c];
			if (s.contactMethod == ContactPoint.Method.RESIDUAL) zc = refine(c);
			finalFit(c, zc, out);
			reliability(out, c);
		}

		/** Index of the first sample in contact in the last {@link #fitFree} (n when none). */
		int contactIndex;
		/** Tip position s = z − F/k of the loaded segment (internal units), for {@link #fitFree}. */
		double[] tip = new double[0];

		/**
		 * Flags an OK fit as unreliable: contact within the first or last {@code minPoints / 2 + 1}
		 * samples, fewer than {@code minPoints} samples in contact, or R² below {@code minRSquared}.
		 */
		private void reliability(CurveResult out, int c) {
			if (out.status != Status.OK) return;
			int inContact = n - c;
			int edge = Math.max(1, s.minPoints / 2);
			if (c <= edge || c >= n - 1) out.status = Status.CONTACT_AT_END;
			else if (inContact < s.minPoints) out.status = Status.FEW_IN_CONTACT;
			else if (!(out.rSquared >= s.minRSquared) && s.minRSquared > 0) out.status = Status.LOW_R_SQUARED;
		}

		/**
		 * nanite's fit: F = a · g(s − s_c) + b on the tip position s = z − F/k (g = 0 before contact),
		 * with a ≥ 0, s_c and b free. For a fixed s_c the model is linear in (a, b), solved in closed form
		 * (weighted when {@code contactWeight} > 0), so the fit is a one-dimensional minimisation over s_c:
		 * a grid over the whole tip-position range, then golden-section search in the best grid cell.
		 * This reaches the least-squares optimum that nanite's Levenberg–Marquardt finds from a good start,
		 * without needing that start.
		 */
		private void fitFree(CurveResult out) {
			if (tip.length < n) tip = new double[Math.max(n, z.length)];
			double smin = Double.POSITIVE_INFINITY, smax = Double.NEGATIVE_INFINITY;
			for (int i = 0; i < n; i++) {
				tip[i] = z[i] - f[i] / k;
				smin = Math.min(smin, tip[i]);
				smax = Math.max(smax, tip[i]);
			}
			if (!(smax > smin)) {
				out.status = Status.NO_INDENTATION;
				return;
			}
			int grid = Math.min(n, 400);
			double step = (smax - smin) / grid, best = smin;
			double bestV = Double.POSITIVE_INFINITY;
			for (int g = 0; g <= grid; g++) {
				double sc = smin + g * step;
				double v = freeSsr(sc, null);
				if (v < bestV) {
					bestV = v;
					best = sc;
				}
			}
			double lo = Math.max(smin - step, best - step), hi = Math.min(smax, best + step);
			double sc = goldenMinimum(x -> freeSsr(x, null), lo, hi, 60);
			if (freeSsr(sc, null) > bestV) sc = best;
			double[] ab = new double[4];
			freeSsr(sc, ab);
			double a = ab[0], b = ab[1];
			b0 = b;
			b1 = 0;
			int inContact = 0, first = n;
			for (int i = 0; i < n; i++) {
				double d = tip[i] - sc;
				inFit[i] = inRange(d, smax - sc);
				if (d > 0) {
					inContact++;
					first = Math.min(first, i);
				}
			}
			contactIndex = first;
			out.contact = sc + b / k + z0;
			out.baseline = b + f0;
			out.points = inContact;
			out.amplitude = a;
			out.rSquared = ab[3] > 0 ? 1 - ab[2] / ab[3] : Double.NaN;
			if (!(a > 0)) {
				out.status = Status.NO_INDENTATION;
				return;
			}
			if (inContact < 3) {
				out.status = Status.TOO_FEW_POINTS;
				return;
			}
			out.modulus = a / prefactor * 1e9;
			out.status = Status.OK;
		}

		/** Whether a point at indentation d takes part in the fit (fit range in % of the maximum indentation). */
		private boolean inRange(double d, double dmax) {
			if (d <= 0) return true;
			return d >= s.fitMin * dmax && d <= s.fitMax * dmax;
		}

		/**
		 * Weighted residual sum of F = a·g(s − sc) + b with the best (a ≥ 0, b) for this sc; when
		 * {@code ab} is given, stores a, b, the residual and the total sum of squares about the mean.
		 */
		private double freeSsr(double sc, double[] ab) {
			double w0 = s.contactWeight, r = s.tipRadius, dmax = 0;
			for (int i = 0; i < n; i++)
				dmax = Math.max(dmax, tip[i] - sc);
			double sw = 0, swg = 0, swgg = 0, swf = 0, swgf = 0, swff = 0;
			boolean sq = s.model.exponent == 2, exact = s.model == IndentationModel.SNEDDON_SPHERE;
			for (int i = 0; i < n; i++) {
				double d = tip[i] - sc;
				if (!inRange(d, dmax)) continue;
				double w = 1;
				if (w0 > 0) {
					w = Math.min(1, Math.abs(d) / w0);
					w *= w;
				}
				double g = d <= 0 ? 0 : sq ? d * d : exact ? s.model.shape(d, r) : d * Math.sqrt(d);
				double fi = f[i];
				sw += w;
				swg += w * g;
				swgg += w * g * g;
				swf += w * fi;
				swgf += w * g * fi;
				swff += w * fi * fi;
			}
			if (!(sw > 0)) return Double.POSITIVE_INFINITY;
			double vgg = swgg - swg * swg / sw, vgf = swgf - swg * swf / sw, vff = swff - swf * swf / sw;
			double a = vgg > 0 ? vgf / vgg : 0;
			double ssr;
			if (a > 0) ssr = vff - a * vgf;
			else {
				a = 0;
				ssr = vff;
			}
			if (ab != null) {
				ab[0] = a;
				ab[1] = (swf - a * swg) / sw;
				ab[2] = Math.max(0, ssr);
				ab[3] = vff;
			}
			return Math.max(0, ssr);
		}

		private void correct() {
			for (int i = 0; i < n; i++)
				fc[i] = f[i] - b0 - b1 * z[i];
		}

		/** Coarse grid over the candidates, then finer grids around the best. */
		private int residualSearch(int cMin, int cMax) {
			int span = cMax - cMin;
			int step = Math.max(1, span / COARSE_CANDIDATES);
			int stride = Math.max(1, n / 256);
			int best = cMin;
			double bestV = Double.POSITIVE_INFINITY;
			for (int c = cMin; c <= cMax; c += step) {
				double v = total(c, stride);
				if (v < bestV) {
					bestV = v;
					best = c;
				}
			}
			if (stride > 1) bestV = total(best, 1);
			while (step > 1) {
				int prev = step;
				step = Math.max(1, step / 4);
				int lo = Math.max(cMin, best - prev), hi = Math.min(cMax, best + prev);
				int center = best;
				for (int c = lo; c <= hi; c += step) {
					if (c == center) continue;
					double v = total(c, 1);
					if (v < bestV) {
						bestV = v;
						best = c;
					}
				}
			}
			return best;
		}

		/** Golden-section search of the contact position between the neighbours of index c (baseline fixed). */
		private double refine(int c) {
			double a = z[Math.max(0, c - 1)], b = z[Math.min(n - 1, c + 1)];
			if (a > b) {
				double t = a;
				a = b;
				b = t;
			}
			double zc = goldenMinimum(x -> modelSsr(c, x), a, b, 10);
			return modelSsr(c, zc) <= modelSsr(c, z[c]) ? zc : z[c];
		}

		private void finalFit(int c, double zc, CurveResult out) {
			double dmax = 0, fmax = Double.NEGATIVE_INFINITY;
			for (int i = c; i < n; i++) {
				double fci = f[i] - b0 - b1 * z[i];
				double d = z[i] - zc - fci / k;
				if (d > dmax) dmax = d;
				if (fci > fmax) fmax = fci;
			}
			// a contact must lift the force clear of the baseline noise
			double sigma = Math.sqrt(lineSsr / Math.max(1, c - 2));
			if (!(fmax > ContactPoint.THRESHOLD_SIGMAS * sigma)) {
				out.status = Status.NO_CONTACT;
				return;
			}
			if (dmax <= 0) {
				out.status = Status.NO_INDENTATION;
				return;
			}
			double lo = s.fitMin * dmax, hi = s.fitMax * dmax;
			double sfg = 0, sgg = 0, sf = 0, sff = 0;
			int m = 0;
			for (int i = c; i < n; i++) {
				double fci = f[i] - b0 - b1 * z[i];
				double d = z[i] - zc - fci / k;
				if (d < lo || d > hi || d <= 0) continue;
				double g = s.model.shape(d, s.tipRadius);
				sfg += fci * g;
				sgg += g * g;
				sf += fci;
				sff += fci * fci;
				inFit[i] = true;
				m++;
			}
			out.contact = zc + z0;
			out.points = m;
			if (m < 3) {
				out.status = Status.TOO_FEW_POINTS;
				return;
			}
			double a = sgg > 0 ? sfg / sgg : 0;
			if (!(a > 0)) {
				out.status = Status.NO_INDENTATION;
				return;
			}
			double ssr = Math.max(0, sff - 2 * a * sfg + a * a * sgg), sst = sff - sf * sf / m;
			out.amplitude = a;
			out.rSquared = sst > 0 ? 1 - ssr / sst : Double.NaN;
			out.modulus = a / prefactor * 1e9;
			out.status = Status.OK;
		}

		/**
		 * DMT on the retract (loaded far → near): baseline line on the far 20 %, adhesion = minimum,
		 * fit F − F_adh = a (s − s0)^1.5 between fitMin and fitMax of (peak − adhesion), s = z − F/k
		 * the tip position; s0 from a linearised fit, refined by golden section.
		 */
		private void fitDmt(CurveResult out) {
			int nb = Math.max(3, n / 5);
			line(nb);
			correct();
			int iMin = 0;
			for (int i = 1; i < n; i++)
				if (fc[i] < fc[iMin]) iMin = i;
			double adh = fc[iMin], peak = adh;
			for (int i = iMin; i < n; i++)
				peak = Math.max(peak, fc[i]);
			fAdh = adh;
			double range = peak - adh;
			if (!(range > 0) || iMin >= n - 3) {
				out.status = Status.NO_CONTACT;
				return;
			}
			double lo = adh + s.fitMin * range, hi = adh + s.fitMax * range;
			int m = 0;
			double sx = 0, sy = 0, sxx = 0, sxy = 0, smin = Double.POSITIVE_INFINITY, smax = Double.NEGATIVE_INFINITY;
			for (int i = iMin; i < n; i++) {
				if (fc[i] < lo || fc[i] > hi) continue;
				inFit[i] = true;
				double si = z[i] - fc[i] / k, yi = Math.cbrt((fc[i] - adh) * (fc[i] - adh));
				sx += si;
				sy += yi;
				sxx += si * si;
				sxy += si * yi;
				smin = Math.min(smin, si);
				smax = Math.max(smax, si);
				m++;
			}
			out.points = m;
			if (m < 3) {
				out.status = Status.TOO_FEW_POINTS;
				return;
			}
			double slope = (sxy - sx * sy / m) / (sxx - sx * sx / m);
			// linearised: (F − F_adh)^(2/3) = slope · (s − s0) → s0 = mean(s) − mean(y) / slope
			double sStart = slope > 0 ? sx / m - sy / m / slope : smin;
			double w = Math.max(smax - smin, 1e-6);
			double a = Math.min(sStart, smin) - w, b = Math.min(sStart + 0.5 * w, smin + 0.5 * w);
			final int first = iMin;
			s0 = goldenMinimum(x -> dmtSsr(first, x), a, b, 50);
			double sfg = 0, sgg = 0, sf = 0, sff = 0;
			for (int i = iMin; i < n; i++) {
				if (!inFit[i]) continue;
				double y = fc[i] - adh, gg = s.model.power(z[i] - fc[i] / k - s0);
				sfg += y * gg;
				sgg += gg * gg;
				sf += y;
				sff += y * y;
			}
			double amp = sgg > 0 ? sfg / sgg : 0;
			out.contact = s0 + adh / k + z0;
			out.adhesion = -adh;
			if (!(amp > 0)) {
				out.status = Status.NO_INDENTATION;
				return;
			}
			double ssr = Math.max(0, sff - 2 * amp * sfg + amp * amp * sgg), sst = sff - sf * sf / m;
			out.amplitude = amp;
			out.rSquared = sst > 0 ? 1 - ssr / sst : Double.NaN;
			out.modulus = amp / prefactor * 1e9;
			out.status = Status.OK;
		}

		private double dmtSsr(int iMin, double s0) {
			double sfg = 0, sgg = 0, sff = 0;
			for (int i = iMin; i < n; i++) {
				if (!inFit[i]) continue;
				double y = fc[i] - fAdh, gg = s.model.power(z[i] - fc[i] / k - s0);
				sfg += y * gg;
				sgg += gg * gg;
				sff += y * y;
			}
			if (sgg <= 0 || sfg <= 0) return sff;
			return sff - sfg * sfg / sgg;
		}

		/**
		 * Adhesion from the retract (time order near → far): baseline line on the far 20 %, adhesion =
		 * baseline − minimum (nN, ≥ 0); NaN without a retract segment. Allocates nothing.
		 */
		private static double adhesion(ForceCurve c) {
			double[] z = c.retractZ, f = c.retractForce;
			int len = z.length;
			if (len < 10) return Double.NaN;
			int from = len - Math.max(3, len / 5);
			double zr = z[from], fr = f[from];
			double sz = 0, sf = 0, szz = 0, szf = 0;
			int m = len - from;
			for (int i = from; i < len; i++) {
				double zi = z[i] - zr, fi = f[i] - fr;
				sz += zi;
				sf += fi;
				szz += zi * zi;
				szf += zi * fi;
			}
			double dzz = szz - sz * sz / m;
			double slope = dzz > 0 ? (szf - sz * sf / m) / dzz : 0, icpt = (sf - slope * sz) / m;
			double min = Double.POSITIVE_INFINITY;
			for (int i = 0; i < len; i++) {
				double v = f[i] - fr - (icpt + slope * (z[i] - zr));
				if (v < min) min = v;
			}
			if (!Double.isFinite(min)) return Double.NaN;
			return Math.max(0, -min);
		}
	}

	/** Golden-section search for the minimum of a unimodal {@code f} on [a, b]; the midpoint of the final bracket. */
	static double goldenMinimum(java.util.function.DoubleUnaryOperator f, double a, double b, int iterations) {
		final double g = 0.6180339887498949;
		double x1 = b - g * (b - a), x2 = a + g * (b - a);
		double f1 = f.applyAsDouble(x1), f2 = f.applyAsDouble(x2);
		for (int it = 0; it < iterations; it++) {
			if (f1 < f2) {
				b = x2;
				x2 = x1;
				f2 = f1;
				x1 = b - g * (b - a);
				f1 = f.applyAsDouble(x1);
			} else {
				a = x1;
				x1 = x2;
				f1 = f2;
				x2 = a + g * (b - a);
				f2 = f.applyAsDouble(x2);
			}
		}
		return 0.5 * (a + b);
	}
}
