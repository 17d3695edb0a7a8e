// Preloaded by bench/lint-corpus.js (`node --import ./bench/heap-probe.js …`): how many bytes the
// process allocated and its peak heap, written as JSON to $PATCHWISE_HEAP_PROBE at exit.
// V8 reports the used heap before and after every GC: what grew between two GCs was allocated,
// the heap is largest right before a GC (or at exit), and what survives a GC was live.
import { writeFileSync } from 'node:fs';
import v8 from 'node:v8';

const out = process.env.PATCHWISE_HEAP_PROBE;
if (out) {
  const profiler = new v8.GCProfiler();
  const start = v8.getHeapStatistics().used_heap_size;
  profiler.start();
  process.on('exit', () => {
    const end = v8.getHeapStatistics().used_heap_size;
    const { statistics } = profiler.stop();
    let allocated = 0;
    let peak = Math.max(start, end);
    let live = Math.max(start, end);
    let previous = start;
    for (const gc of statistics) {
      const before = gc.beforeGC.heapStatistics.usedHeapSize;
      allocated += Math.max(0, before - previous);
      peak = Math.max(peak, before);
      previous = gc.afterGC.heapStatistics.usedHeapSize;
      live = Math.max(live, previous);
    }
    allocated += Math.max(0, end - previous);
    writeFileSync(out, JSON.stringify({ allocated, peak, live, start, end, collections: statistics.length }));
  });
}
