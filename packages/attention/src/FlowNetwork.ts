/**
 * A directed network with float capacities and an exact maximum-flow solver (Dinic's algorithm:
 * BFS level graphs, blocking flows by depth-first search with current-arc pointers). Capacities
 * at or below `epsilon` count as saturated, which makes the float version terminate. Add all edges,
 * then call {@link FlowNetwork.maxFlow} any number of times (each call starts from zero flow).
 *
 * @example
 * ```ts
 * const net = new FlowNetwork(4);
 * net.addEdge(0, 1, 3); net.addEdge(0, 2, 2); net.addEdge(1, 2, 5); net.addEdge(1, 3, 2); net.addEdge(2, 3, 3);
 * net.maxFlow(0, 3); // 5
 * ```
 */
export class FlowNetwork {
  readonly nodes: number;
  private readonly from: number[] = [];
  private readonly to: number[] = [];
  private readonly capacity: number[] = [];
  private built: { start: Int32Array; adj: Int32Array; to: Int32Array; cap: Float64Array; residual: Float64Array } | undefined;

  constructor(nodes: number) {
    if (!Number.isInteger(nodes) || nodes < 2) throw new RangeError(`a flow network needs at least 2 nodes; got ${nodes}`);
    this.nodes = nodes;
  }

  /** Number of edges added. */
  get edges(): number {
    return this.to.length;
  }

  /** Adds the edge `from → to` with a capacity ≥ 0 (parallel edges add up). */
  addEdge(from: number, to: number, capacity: number): void {
    if (!(from >= 0 && from < this.nodes && to >= 0 && to < this.nodes) || !Number.isInteger(from) || !Number.isInteger(to)) {
      throw new RangeError(`edge ${from} → ${to} is outside nodes 0…${this.nodes - 1}`);
    }
    if (!(capacity >= 0) || !Number.isFinite(capacity)) throw new RangeError(`edge ${from} → ${to} has capacity ${capacity}; expected a finite number ≥ 0`);
    this.from.push(from);
    this.to.push(to);
    this.capacity.push(capacity);
    this.built = undefined;
  }

  /** The value of a maximum flow from `source` to `sink`. */
  maxFlow(source: number, sink: number, epsilon = 1e-12): number {
    if (source === sink) throw new RangeError('source and sink must differ');
    for (const v of [source, sink]) if (!(v >= 0 && v < this.nodes)) throw new RangeError(`node ${v} is outside 0…${this.nodes - 1}`);
    const g = this.build();
    g.residual.set(g.cap);
    const level = new Int32Array(this.nodes);
    const current = new Int32Array(this.nodes);
    const queue = new Int32Array(this.nodes);
    const { start, adj, to, residual } = g;
    let total = 0;
    const bfs = (): boolean => {
      level.fill(-1);
      level[source] = 0;
      let head = 0;
      let tail = 0;
      queue[tail++] = source;
      while (head < tail) {
        const u = queue[head++]!;
        for (let p = start[u]!; p < start[u + 1]!; p++) {
          const e = adj[p]!;
          const v = to[e]!;
          if (level[v]! < 0 && residual[e]! > epsilon) {
            level[v] = level[u]! + 1;
            queue[tail++] = v;
          }
        }
      }
      return level[sink]! >= 0;
    };
    const dfs = (u: number, limit: number): number => {
      if (u === sink) return limit;
      let pushed = 0;
      for (; current[u]! < start[u + 1]!; current[u]!++) {
        const e = adj[current[u]!]!;
        const v = to[e]!;
        if (level[v] !== level[u]! + 1 || residual[e]! <= epsilon) continue;
        const d = dfs(v, Math.min(limit - pushed, residual[e]!));
        if (d > 0) {
          residual[e]! -= d;
          residual[e ^ 1]! += d;
          pushed += d;
          if (limit - pushed <= epsilon) return pushed;
        }
      }
      level[u] = -1;
      return pushed;
    };
    while (bfs()) {
      current.set(start.subarray(0, this.nodes));
      const f = dfs(source, Infinity);
      if (f <= epsilon) break;
      total += f;
    }
    return total;
  }

  private build() {
    if (this.built) return this.built;
    const m = this.to.length;
    const to = new Int32Array(2 * m);
    const cap = new Float64Array(2 * m);
    const degree = new Int32Array(this.nodes + 1);
    for (let e = 0; e < m; e++) {
      const from = this.from[e]!;
      const target = this.to[e]!;
      to[2 * e] = target;
      cap[2 * e] = this.capacity[e]!;
      to[2 * e + 1] = from;
      degree[from + 1]!++;
      degree[target + 1]!++;
    }
    const start = new Int32Array(this.nodes + 1);
    for (let v = 0; v < this.nodes; v++) start[v + 1] = start[v]! + degree[v + 1]!;
    const fill = start.slice(0, this.nodes);
    const adj = new Int32Array(2 * m);
    for (let e = 0; e < m; e++) {
      adj[fill[this.from[e]!]!++] = 2 * e;
      adj[fill[this.to[e]!]!++] = 2 * e + 1;
    }
    this.built = { start, adj, to, cap, residual: new Float64Array(2 * m) };
    return this.built;
  }
}
