import type { NodeStats } from './nodeStats';
import type { Split } from './splitSearch';

/** A node while the tree grows: its range in the sorted lists, statistics and chosen split. */
export interface GrowingNode {
  id: number;
  start: number;
  end: number;
  depth: number;
  stats: NodeStats;
  split: Split | null;
  children?: [GrowingNode, GrowingNode];
}

/** Nodes waiting to be split: a stack (depth-first), or a max-heap on impurity decrease (best-first). */
export class SplitQueue {
  private items: GrowingNode[] = [];
  constructor(private readonly bestFirst: boolean) {}
  get size(): number {
    return this.items.length;
  }
  private before(a: GrowingNode, b: GrowingNode): boolean {
    const da = a.split!.decrease, db = b.split!.decrease;
    return da > db || (da === db && a.id < b.id);
  }
  push(b: GrowingNode): void {
    const h = this.items;
    h.push(b);
    if (!this.bestFirst) return;
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(h[i]!, h[parent]!)) break;
      [h[i], h[parent]] = [h[parent]!, h[i]!];
      i = parent;
    }
  }
  pop(): GrowingNode {
    const h = this.items;
    if (!this.bestFirst) return h.pop()!;
    const top = h[0];
    const last = h.pop();
    if (top === undefined || last === undefined) throw new RangeError('pop from an empty SplitQueue');
    if (h.length > 0) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const a = 2 * i + 1, b = a + 1;
        let m = i;
        if (a < h.length && this.before(h[a]!, h[m]!)) m = a;
        if (b < h.length && this.before(h[b]!, h[m]!)) m = b;
        if (m === i) break;
        [h[i], h[m]] = [h[m]!, h[i]!];
        i = m;
      }
    }
    return top;
  }
}

