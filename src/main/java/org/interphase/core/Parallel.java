package org.interphase.core;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one place that runs work on all cores. Work is split into blocks that threads take from a
 * shared counter (so uneven blocks balance), progress is reported per finished block, and
 * cancellation is checked between blocks.
 */
public final class Parallel {

	/** Per-thread body: processes the items [from, to). */
	public interface RangeBody {
		void run(int from, int to);
	}

	/** Creates a per-thread worker (with its own scratch buffers) for {@link #forBlocks}. */
	public interface WorkerFactory {
		RangeBody newWorker();
	}

	private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
		Thread t = new Thread(r, "interphase-worker");
		t.setDaemon(true);
		return t;
	});

	private static volatile int threadOverride = 0;

	private Parallel() {}

	/** Number of worker threads: all cores, unless {@link #setThreads} says otherwise. */
	public static int threads() {
		int t = threadOverride;
		return t > 0 ? t : Runtime.getRuntime().availableProcessors();
	}

	/** Fixes the thread count (0 = all cores); used by benchmarks. */
	public static void setThreads(int n) {
		threadOverride = Math.max(0, n);
	}

	/** Runs {@code body} over [0, n) in blocks of {@code block} items, one body for all threads. */
	public static void forRange(int n, int block, Progress progress, String task, RangeBody body) {
		forBlocks(n, block, progress, task, () -> body);
	}

	/**
	 * Runs over [0, n) in blocks; each thread gets its own worker from {@code factory}, so workers
	 * may keep scratch arrays and allocate nothing per item.
	 */
	public static void forBlocks(int n, int block, Progress progress, String task, WorkerFactory factory) {
		if (n <= 0) return;
		final Progress p = progress == null ? Progress.NONE : progress;
		final int blockSize = Math.max(1, block);
		final int blocks = (n + blockSize - 1) / blockSize;
		final int nThreads = Math.min(threads(), blocks);
		final AtomicInteger next = new AtomicInteger();
		final AtomicLong done = new AtomicLong();
		Runnable loop = () -> {
			RangeBody worker = factory.newWorker();
			int b;
			while ((b = next.getAndIncrement()) < blocks) {
				if (p.cancelled()) return;
				int from = b * blockSize;
				int to = (int) Math.min((long) from + blockSize, n);
				worker.run(from, to);
				long d = done.addAndGet(to - from);
				p.report(task, d / (double) n);
			}
		};
		if (nThreads == 1) {
			loop.run();
		} else {
			List<Future<?>> futures = new ArrayList<>(nThreads);
			for (int t = 0; t < nThreads; t++)
				futures.add(POOL.submit(loop));
			for (Future<?> f : futures) {
				try {
					f.get();
				} catch (InterruptedException e) {
					Thread.currentThread().interrupt();
					throw new CancelledException();
				} catch (ExecutionException e) {
					Throwable c = e.getCause();
					if (c instanceof RuntimeException) throw (RuntimeException) c;
					if (c instanceof Error) throw (Error) c;
					throw new IllegalStateException(c);
				}
			}
		}
		p.checkCancelled();
	}
}
