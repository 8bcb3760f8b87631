package org.interphase.core.morphology;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.interphase.core.InvalidInputException;
import org.interphase.core.Parallel;
import org.interphase.core.Progress;

/**
 * Voids in a time series of element maps (SCIENCE.md §2): per frame, each listed channel is
 * (optionally) divided by its bulk median and smoothed; a pixel is void when it lies below the
 * channel's threshold in all (or any) of the listed channels; holes are filled, objects below the
 * minimum area removed; voids are measured (area, ECD, max Feret, centroid) together with each
 * channel's own void size; voids are linked between frames by overlap (IoU), with a centroid
 * fallback and a one-frame gap bridge; splits, merges, gaps, border contact and closure are
 * reported; healing rates follow from an OLS fit of ECD(t).
 */
public final class VoidTracking {

	private VoidTracking() {}

	/** Tracking settings (lengths in µm, areas in µm²). */
	public static final class Params {
		public boolean ruleAll = true;
		public boolean fillHoles = true;
		public boolean excludeEdges = false;
		public double minAreaUm2 = 4;
		public double minIou = 0.3;
		public double maxLinkDistanceUm = 5;
		/** Pixel size (µm per pixel), x and y. */
		public double pixelWidth = 1, pixelHeight = 1;
	}

	// ---------------------------------------------------------------- preparation

	/**
	 * Copies the listed channels of every frame ({@code maps[t][c]}, w×h), divided by their bulk
	 * median when {@code normalizeBulk} and smoothed by a Gaussian of {@code sigma} px (0 = none).
	 * Returns {@code [t][k]} for the k-th listed channel. Frames run in parallel.
	 */
	public static float[][][] prepare(float[][][] maps, int w, int h, int[] channels, boolean normalizeBulk, double sigma, Progress progress) {
		int nt = maps.length, nk = channels.length;
		float[][][] out = new float[nt][nk][];
		int n = w * h;
		Parallel.forBlocks(nt * nk, 1, progress, "smoothing maps", () -> {
			Smoothing.Worker smoother = sigma > 0 ? new Smoothing.Worker(sigma) : null;
			return (from, to) -> {
				for (int i = from; i < to; i++) {
					int t = i / nk, k = i % nk;
					float[] src = maps[t][channels[k]];
					if (src.length != n) throw new InvalidInputException("maps: frame " + (t + 1) + " is not " + w + "×" + h);
					float[] dst = new float[n];
					float scale = 1;
					if (normalizeBulk) {
						double med = Smoothing.median(src, 1 << 14);
						if (!(med > 0))
							throw new InvalidInputException("normalize_bulk: the bulk median of channel " + (channels[k] + 1) + " in frame " + (t + 1)
								+ " is " + med + "; switch normalize_bulk off or choose channels with signal");
						scale = (float) (1 / med);
					}
					if (smoother != null) {
						smoother.smooth(src, scale, dst, w, h);
					} else {
						for (int p = 0; p < n; p++)
							dst[p] = src[p] * scale;
					}
					out[t][k] = dst;
				}
			};
		});
		return out;
	}

	/** Finite min and max of channel k over all frames of {@code prepared}: {min, max}. Frames in parallel. */
	public static double[] range(float[][][] prepared, int k) {
		double[] out = { Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY };
		Parallel.forRange(prepared.length, 1, Progress.NONE, "range", (from, to) -> {
			float lo = Float.POSITIVE_INFINITY, hi = Float.NEGATIVE_INFINITY;
			for (int t = from; t < to; t++)
				for (float v : prepared[t][k]) {
					if (v < lo) lo = v; // NaN compares false both ways
					if (v > hi) hi = v;
				}
			synchronized (out) {
				if (Float.isFinite(lo) && lo < out[0]) out[0] = lo;
				if (Float.isFinite(hi) && hi > out[1]) out[1] = hi;
			}
		});
		return out;
	}

	/** Histogram of channel k over all frames, {@code bins} equal bins on [range[0], range[1]]. Frames in parallel. */
	public static int[] histogram(float[][][] prepared, int k, int bins, double[] range) {
		int[] hist = new int[bins];
		double lo = range[0], scale = range[1] > lo ? bins / (range[1] - lo) : 0;
		Parallel.forRange(prepared.length, 1, Progress.NONE, "histogram", (from, to) -> {
			int[] local = new int[bins];
			for (int t = from; t < to; t++)
				for (float v : prepared[t][k])
					if (v == v && v != Float.POSITIVE_INFINITY && v != Float.NEGATIVE_INFINITY) {
						int b = (int) ((v - lo) * scale);
						local[b < 0 ? 0 : b >= bins ? bins - 1 : b]++;
					}
			synchronized (hist) {
				for (int b = 0; b < bins; b++)
					hist[b] += local[b];
			}
		});
		return hist;
	}

	// ---------------------------------------------------------------- result

	/** One void in one frame. */
	public static final class Observation {
		public int track, frame, label;
		public double timeH, areaUm2, ecdUm, feretUm, centroidXUm, centroidYUm;
		/** ECD (µm) of each listed channel's own void at this void (0 when the channel shows none). */
		public double[] channelEcdUm;
		public boolean border;
		public final List<String> status = new ArrayList<>();
		/** Track this one split from (0 = none). */
		public int parentTrack;

		public String status() {
			return status.isEmpty() ? "ok" : String.join("+", status);
		}
	}

	/** One void followed through time. */
	public static final class Track {
		public final int id;
		public final List<Observation> observations = new ArrayList<>();
		/** "open" (still there in the last frame), "closed", "merged". */
		public String end = "open";
		/** First frame where the closed void is absent (−1 = not closed). */
		public int closureFrame = -1;
		public int mergedInto, parentTrack;
		public RateFit ecdFit, areaFit;
		public RateFit[] channelFits;

		Track(int id) {
			this.id = id;
		}

		public Observation last() {
			return observations.get(observations.size() - 1);
		}
	}

	public static final class Result {
		public final int width, height, frames;
		/** Per frame, the track id of each pixel (0 = no void). */
		public final int[][] trackLabels;
		public final List<Track> tracks;
		public final double[] timesH;

		Result(int width, int height, int[][] trackLabels, List<Track> tracks, double[] timesH) {
			this.width = width;
			this.height = height;
			this.frames = trackLabels.length;
			this.trackLabels = trackLabels;
			this.tracks = tracks;
			this.timesH = timesH;
		}

		/** All observations ordered by track then frame. */
		public List<Observation> observations() {
			List<Observation> all = new ArrayList<>();
			for (Track t : tracks)
				all.addAll(t.observations);
			return all;
		}
	}

	// ---------------------------------------------------------------- segmentation + tracking

	/** Per-frame segmentation: labels and measures. */
	private static final class Frame {
		int[] labels;
		int count;
		Regions.Measures measures;
		double[][] channelArea; // [object][k] in pixels
	}

	/**
	 * Segments, measures and links the voids of {@code prepared} ({@code [t][k]} from
	 * {@link #prepare}). A pixel of channel k is low when its value is below {@code thresholds[k]}.
	 * {@code timesH} holds the frame times in hours.
	 */
	public static Result track(float[][][] prepared, int w, int h, double[] thresholds, double[] timesH, Params params, Progress progress) {
		int nt = prepared.length;
		if (nt == 0) throw new InvalidInputException("maps: no frames");
		int nk = prepared[0].length;
		if (thresholds.length != nk) throw new IllegalArgumentException(thresholds.length + " thresholds for " + nk + " channels");
		if (timesH.length != nt) throw new InvalidInputException("frame times: " + timesH.length + " times for " + nt + " frames");
		double pixelArea = params.pixelWidth * params.pixelHeight;
		int minPx = Math.max(1, (int) Math.ceil(params.minAreaUm2 / pixelArea - 1e-9));
		int n = w * h;
		Frame[] frames = new Frame[nt];
		Parallel.forBlocks(nt, 1, progress, "segmenting voids", () -> {
			boolean[] mask = new boolean[n];
			Flood flood = new Flood(n);
			return (from, to) -> {
				for (int t = from; t < to; t++) {
					Frame f = new Frame();
					float[][] ch = prepared[t];
					// channel by channel (simple loops the JIT vectorises): all = AND of "low", any = OR
					float[] c0 = ch[0];
					float th0 = (float) thresholds[0];
					for (int p = 0; p < n; p++)
						mask[p] = c0[p] < th0;
					for (int k = 1; k < nk; k++) {
						float[] ck = ch[k];
						float thk = (float) thresholds[k];
						if (params.ruleAll) {
							for (int p = 0; p < n; p++)
								mask[p] &= ck[p] < thk;
						} else {
							for (int p = 0; p < n; p++)
								mask[p] |= ck[p] < thk;
						}
					}
					f.labels = new int[n];
					int c = Labeling.label(mask, w, h, true, f.labels);
					if (params.fillHoles) Regions.fillHoles(mask, w, h, f.labels, c);
					f.count = Regions.filter(f.labels, c, w, h, minPx, params.excludeEdges);
					f.measures = Regions.measure(f.labels, f.count, w, h);
					f.channelArea = new double[f.count][nk];
					for (int k = 0; k < nk; k++)
						channelAreas(ch[k], thresholds[k], f, k, w, h, minPx, params.fillHoles, flood);
					frames[t] = f;
				}
			};
		});
		@SuppressWarnings("unchecked")
		Map<Long, int[]>[] ovPrev = new Map[nt];
		Parallel.forRange(nt - 1, 1, progress, "overlaps", (from, to) -> {
			for (int t = from; t < to; t++)
				ovPrev[t + 1] = overlaps(frames[t], frames[t + 1]);
		});
		List<Track> tracks = link(frames, timesH, params, ovPrev);
		// track-id images (the frame label arrays are ours: overwrite them)
		int[][] trackLabels = new int[nt][];
		int[][] maps = new int[nt][];
		for (int t = 0; t < nt; t++)
			maps[t] = new int[frames[t].count + 1];
		for (Track tr : tracks)
			for (Observation o : tr.observations)
				maps[o.frame][o.label] = tr.id;
		Parallel.forRange(nt, 1, Progress.NONE, "track ids", (from, to) -> {
			for (int t = from; t < to; t++) {
				int[] l = frames[t].labels, map = maps[t];
				for (int p = 0; p < n; p++)
					l[p] = map[l[p]];
				trackLabels[t] = l;
			}
		});
		fitRates(tracks, nk);
		return new Result(w, h, trackLabels, tracks, timesH.clone());
	}

	/** Per-thread scratch of the channel flood: visit stamps and a pixel stack. */
	private static final class Flood {
		final int[] stamp;
		int current;
		int[] stack = new int[1024];
		int[] region = new int[1024];

		Flood(int n) {
			stamp = new int[n];
		}
	}

	/**
	 * Each void's size in channel k alone: the channel's own low-signal objects (8-connected, below
	 * the threshold) that overlap the void, found by flooding from the void's low pixels, with their
	 * holes filled when {@code fill}; 0 when they total less than {@code minPx}. Work is proportional
	 * to the size of the voids, not of the image.
	 */
	private static void channelAreas(float[] data, double threshold, Frame f, int k, int w, int h, int minPx, boolean fill, Flood fl) {
		if (f.count == 0) return;
		float th = (float) threshold;
		int[] vl = f.labels;
		int[] stamp = fl.stamp;
		int nv = f.count;
		int[] bx0 = f.measures.x0, by0 = f.measures.y0, bx1 = f.measures.x1, by1 = f.measures.y1;
		for (int v = 1; v <= nv; v++) {
			int cur = ++fl.current;
			int sp = 0, rn = 0;
			int rx0 = Integer.MAX_VALUE, ry0 = Integer.MAX_VALUE, rx1 = -1, ry1 = -1;
			for (int y = by0[v - 1]; y <= by1[v - 1]; y++)
				for (int x = bx0[v - 1]; x <= bx1[v - 1]; x++) {
					int p = y * w + x;
					if (vl[p] == v && data[p] < th && stamp[p] != cur) {
						stamp[p] = cur;
						if (sp == fl.stack.length) fl.stack = java.util.Arrays.copyOf(fl.stack, sp * 2);
						fl.stack[sp++] = p;
					}
				}
			while (sp > 0) {
				int p = fl.stack[--sp];
				if (rn == fl.region.length) fl.region = java.util.Arrays.copyOf(fl.region, rn * 2);
				fl.region[rn++] = p;
				int x = p % w, y = p / w;
				if (x < rx0) rx0 = x;
				if (x > rx1) rx1 = x;
				if (y < ry0) ry0 = y;
				if (y > ry1) ry1 = y;
				for (int dy = -1; dy <= 1; dy++) {
					int yy = y + dy;
					if (yy < 0 || yy >= h) continue;
					for (int dx = -1; dx <= 1; dx++) {
						int xx = x + dx;
						if (xx < 0 || xx >= w || (dx == 0 && dy == 0)) continue;
						int q = yy * w + xx;
						if (stamp[q] == cur || !(data[q] < th)) continue;
						stamp[q] = cur;
						if (sp == fl.stack.length) fl.stack = java.util.Arrays.copyOf(fl.stack, sp * 2);
						fl.stack[sp++] = q;
					}
				}
			}
			long area = rn;
			if (fill && rn > 0 && rx1 - rx0 >= 2 && ry1 - ry0 >= 2) area += holes(stamp, cur, w, rx0, ry0, rx1, ry1, fl);
			f.channelArea[v - 1][k] = area >= minPx ? area : 0;
		}
	}

	/** Pixels inside the box not reachable from its border without crossing the stamped region (4-connected): its holes. */
	private static long holes(int[] stamp, int cur, int w, int x0, int y0, int x1, int y1, Flood fl) {
		int bw = x1 - x0 + 1, bh = y1 - y0 + 1;
		boolean[] seen = new boolean[bw * bh];
		int sp = 0;
		for (int by = 0; by < bh; by++)
			for (int bx = 0; bx < bw; bx += (by == 0 || by == bh - 1) ? 1 : bw - 1) {
				int q = by * bw + bx;
				if (stamp[(y0 + by) * w + x0 + bx] != cur && !seen[q]) {
					seen[q] = true;
					if (sp == fl.stack.length) fl.stack = java.util.Arrays.copyOf(fl.stack, sp * 2);
					fl.stack[sp++] = q;
				}
			}
		while (sp > 0) {
			int q = fl.stack[--sp];
			int bx = q % bw, by = q / bw;
			for (int d = 0; d < 4; d++) {
				int nx = bx + (d == 0 ? 1 : d == 1 ? -1 : 0), ny = by + (d == 2 ? 1 : d == 3 ? -1 : 0);
				if (nx < 0 || ny < 0 || nx >= bw || ny >= bh) continue;
				int nq = ny * bw + nx;
				if (seen[nq] || stamp[(y0 + ny) * w + x0 + nx] == cur) continue;
				seen[nq] = true;
				if (sp == fl.stack.length) fl.stack = java.util.Arrays.copyOf(fl.stack, sp * 2);
				fl.stack[sp++] = nq;
			}
		}
		long holes = 0;
		for (int by = 1; by < bh - 1; by++)
			for (int bx = 1; bx < bw - 1; bx++)
				if (!seen[by * bw + bx] && stamp[(y0 + by) * w + x0 + bx] != cur) holes++;
		return holes;
	}

	/** Overlap pixel counts between the objects of two label images: key a·(nb+1)+b. */
	private static Map<Long, int[]> overlaps(Frame fa, Frame fb) {
		Map<Long, int[]> m = new HashMap<>();
		int[] la = fa.labels, lb = fb.labels;
		long prevKey = -1;
		int[] prevCell = null;
		for (int p = 0; p < la.length; p++) {
			int a = la[p], b = lb[p];
			if (a == 0 || b == 0) continue;
			long key = (long) a * (fb.count + 1) + b;
			if (key != prevKey) {
				prevCell = m.computeIfAbsent(key, x -> new int[1]);
				prevKey = key;
			}
			prevCell[0]++;
		}
		return m;
	}

	private static double iou(Frame fa, int a, Frame fb, int b, Map<Long, int[]> ov) {
		int[] c = ov.get((long) a * (fb.count + 1) + b);
		if (c == null) return 0;
		int inter = c[0];
		return inter / (double) (fa.measures.area[a - 1] + fb.measures.area[b - 1] - inter);
	}

	private static double distanceUm(Frame fa, int a, Frame fb, int b, Params p) {
		double dx = (fa.measures.centroidX[a - 1] - fb.measures.centroidX[b - 1]) * p.pixelWidth;
		double dy = (fa.measures.centroidY[a - 1] - fb.measures.centroidY[b - 1]) * p.pixelHeight;
		return Math.hypot(dx, dy);
	}

	private static List<Track> link(Frame[] frames, double[] timesH, Params params, Map<Long, int[]>[] ovPrev) {
		List<Track> tracks = new ArrayList<>();
		// track of each object of the previous frame (index label-1)
		Track[] prev = new Track[0];
		List<Track> lost = new ArrayList<>(); // tracks absent in the previous frame, last seen two frames back
		for (int t = 0; t < frames.length; t++) {
			Frame f = frames[t];
			Track[] cur = new Track[f.count];
			Observation[] obs = new Observation[f.count];
			for (int j = 1; j <= f.count; j++)
				obs[j - 1] = observation(f, j, t, timesH[t], params);
			if (t == 0) {
				for (int j = 0; j < f.count; j++)
					cur[j] = newTrack(tracks);
			} else {
				Frame fp = frames[t - 1];
				Map<Long, int[]> ov = ovPrev[t];
				int[] pred = new int[f.count]; // predecessor label in t-1 (0 = none)
				for (int j = 1; j <= f.count; j++) {
					int best = 0;
					double bestIou = params.minIou;
					for (int i = 1; i <= fp.count; i++) {
						double v = iou(fp, i, f, j, ov);
						if (v >= bestIou && v > 0) {
							bestIou = v;
							best = i;
						}
					}
					if (best == 0) { // small or moving void: nearest centroid
						double bestD = params.maxLinkDistanceUm;
						for (int i = 1; i <= fp.count; i++) {
							double d = distanceUm(fp, i, f, j, params);
							if (d <= bestD) {
								bestD = d;
								best = i;
							}
						}
					}
					pred[j - 1] = best;
				}
				// one-frame gap: objects without predecessor against tracks lost in t-1
				Map<Integer, Track> revived = new HashMap<>();
				if (!lost.isEmpty() && t >= 2) {
					Frame fg = frames[t - 2];
					Map<Long, int[]> ovg = overlaps(fg, f);
					for (int j = 1; j <= f.count; j++) {
						if (pred[j - 1] != 0) continue;
						Track best = null;
						double bestIou = params.minIou, bestD = params.maxLinkDistanceUm;
						for (Track tr : lost) {
							if (revived.containsValue(tr)) continue;
							double v = iou(fg, tr.last().label, f, j, ovg);
							if (v >= bestIou && v > 0) {
								bestIou = v;
								best = tr;
							}
						}
						if (best == null) for (Track tr : lost) {
							if (revived.containsValue(tr)) continue;
							double d = distanceUm(fg, tr.last().label, f, j, params);
							if (d <= bestD) {
								bestD = d;
								best = tr;
							}
						}
						if (best != null) revived.put(j, best);
					}
				}
				// splits: the largest successor continues its predecessor's track
				Map<Integer, List<Integer>> succ = new HashMap<>();
				for (int j = 1; j <= f.count; j++)
					if (pred[j - 1] != 0) succ.computeIfAbsent(pred[j - 1], x -> new ArrayList<>()).add(j);
				for (Map.Entry<Integer, List<Integer>> e : succ.entrySet()) {
					List<Integer> js = e.getValue();
					Track parent = prev[e.getKey() - 1];
					int keep = js.get(0);
					for (int j : js)
						if (f.measures.area[j - 1] > f.measures.area[keep - 1]) keep = j;
					cur[keep - 1] = parent;
					if (js.size() > 1) {
						obs[keep - 1].status.add("split");
						for (int j : js) {
							if (j == keep) continue;
							Track child = newTrack(tracks);
							child.parentTrack = parent.id;
							cur[j - 1] = child;
							obs[j - 1].status.add("split");
							obs[j - 1].parentTrack = parent.id;
						}
					}
				}
				for (Map.Entry<Integer, Track> e : revived.entrySet()) {
					cur[e.getKey() - 1] = e.getValue();
					obs[e.getKey() - 1].status.add("reappeared");
				}
				for (int j = 0; j < f.count; j++)
					if (cur[j] == null) cur[j] = newTrack(tracks);
				// predecessors without successor: merged (overlaps a void that continues another track) or lost
				List<Track> nowLost = new ArrayList<>();
				boolean[] continued = new boolean[fp.count + 1];
				for (int j = 0; j < f.count; j++)
					if (pred[j] != 0 && cur[j] == prev[pred[j] - 1]) continued[pred[j]] = true;
				for (int i = 1; i <= fp.count; i++) {
					if (continued[i]) continue;
					Track tr = prev[i - 1];
					int into = 0, bestOv = 0;
					for (int j = 1; j <= f.count; j++) {
						int[] c = ov.get((long) i * (f.count + 1) + j);
						if (c != null && c[0] > bestOv) {
							bestOv = c[0];
							into = j;
						}
					}
					if (into != 0) {
						tr.end = "merged";
						tr.mergedInto = cur[into - 1].id;
						obs[into - 1].status.add("merged");
					} else {
						nowLost.add(tr);
					}
				}
				// tracks lost in t-1 and not revived now are closed at t-1
				for (Track tr : lost)
					if (!revived.containsValue(tr)) close(tr, t - 1);
				lost = nowLost;
			}
			for (int j = 0; j < f.count; j++) {
				obs[j].track = cur[j].id;
				cur[j].observations.add(obs[j]);
			}
			prev = cur;
		}
		int last = frames.length - 1;
		for (Track tr : lost)
			close(tr, last);
		return tracks;
	}

	private static void close(Track tr, int frame) {
		if (!"open".equals(tr.end)) return;
		tr.end = "closed";
		tr.closureFrame = frame;
	}

	private static Track newTrack(List<Track> tracks) {
		Track t = new Track(tracks.size() + 1);
		tracks.add(t);
		return t;
	}

	private static Observation observation(Frame f, int j, int t, double timeH, Params p) {
		Regions.Measures m = f.measures;
		int i = j - 1;
		Observation o = new Observation();
		o.frame = t;
		o.label = j;
		o.timeH = timeH;
		double pa = p.pixelWidth * p.pixelHeight;
		o.areaUm2 = m.area[i] * pa;
		o.ecdUm = Regions.Measures.ecdOfArea(o.areaUm2);
		o.feretUm = m.feret[i] * Math.sqrt(pa); // square pixels assumed for Feret
		o.centroidXUm = m.centroidX[i] * p.pixelWidth;
		o.centroidYUm = m.centroidY[i] * p.pixelHeight;
		o.channelEcdUm = new double[f.channelArea[i].length];
		for (int k = 0; k < o.channelEcdUm.length; k++)
			o.channelEcdUm[k] = Regions.Measures.ecdOfArea(f.channelArea[i][k] * pa);
		o.border = m.border[i];
		if (o.border) o.status.add("border");
		return o;
	}

	private static void fitRates(List<Track> tracks, int nk) {
		for (Track tr : tracks) {
			int n = tr.observations.size();
			double[] t = new double[n], ecd = new double[n], area = new double[n];
			double[][] ch = new double[nk][n];
			for (int i = 0; i < n; i++) {
				Observation o = tr.observations.get(i);
				t[i] = o.timeH;
				ecd[i] = o.ecdUm;
				area[i] = o.areaUm2;
				for (int k = 0; k < nk; k++)
					ch[k][i] = o.channelEcdUm[k];
			}
			tr.ecdFit = RateFit.fit(t, ecd, n);
			tr.areaFit = RateFit.fit(t, area, n);
			tr.channelFits = new RateFit[nk];
			for (int k = 0; k < nk; k++)
				tr.channelFits[k] = RateFit.fit(t, ch[k], n);
		}
	}
}
