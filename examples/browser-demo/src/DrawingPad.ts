/** Options of {@link DrawingPad}. */
export interface DrawingPadOptions {
  /** Stroke width in canvas pixels (default: 1/12 of the canvas width, like a pen on MNIST's 28 px). */
  lineWidth?: number;
  /** Called when a stroke ends (pointer up), with the pad. */
  onStroke?: (pad: DrawingPad) => void;
}

/**
 * A canvas to draw a digit on with a mouse, pen or finger: white ink on black, round strokes.
 * `pixels()` returns the drawing as grey values in [0, 1] for {@link preprocessDigit}.
 *
 * @example
 * ```ts
 * const pad = new DrawingPad(canvas, { onStroke: (p) => run(p.pixels()) });
 * ```
 */
export class DrawingPad {
  readonly canvas: HTMLCanvasElement;
  private readonly ctx: CanvasRenderingContext2D;
  private last: { x: number; y: number } | undefined;
  private inked = false;

  constructor(canvas: HTMLCanvasElement, private readonly options: DrawingPadOptions = {}) {
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    if (!ctx) throw new Error('This browser cannot draw on a 2-D canvas');
    this.canvas = canvas;
    this.ctx = ctx;
    this.clear();
    canvas.style.touchAction = 'none';
    canvas.addEventListener('pointerdown', (e) => {
      canvas.setPointerCapture(e.pointerId);
      this.last = this.toCanvas(e);
      this.dot(this.last);
    });
    canvas.addEventListener('pointermove', (e) => {
      if (!this.last) return;
      const p = this.toCanvas(e);
      this.segment(this.last, p);
      this.last = p;
    });
    const end = () => {
      if (!this.last) return;
      this.last = undefined;
      this.options.onStroke?.(this);
    };
    canvas.addEventListener('pointerup', end);
    canvas.addEventListener('pointercancel', end);
  }

  /** True once anything has been drawn since the last {@link clear}. */
  get hasInk(): boolean {
    return this.inked;
  }

  /** Wipes the pad to black. */
  clear(): void {
    this.ctx.fillStyle = '#000';
    this.ctx.fillRect(0, 0, this.canvas.width, this.canvas.height);
    this.inked = false;
  }

  /** The drawing as `width × height` grey values in [0, 1] (ink = 1). */
  pixels(): Float32Array {
    const { data } = this.ctx.getImageData(0, 0, this.canvas.width, this.canvas.height);
    return Float32Array.from({ length: data.length / 4 }, (_, p) => data[p * 4]! / 255);
  }

  private get lineWidth(): number {
    return this.options.lineWidth ?? Math.round(this.canvas.width / 12);
  }

  private toCanvas(e: PointerEvent): { x: number; y: number } {
    const r = this.canvas.getBoundingClientRect();
    return { x: ((e.clientX - r.left) * this.canvas.width) / r.width, y: ((e.clientY - r.top) * this.canvas.height) / r.height };
  }

  private dot(p: { x: number; y: number }): void {
    this.ctx.fillStyle = '#fff';
    this.ctx.beginPath();
    this.ctx.arc(p.x, p.y, this.lineWidth / 2, 0, 2 * Math.PI);
    this.ctx.fill();
    this.inked = true;
  }

  private segment(a: { x: number; y: number }, b: { x: number; y: number }): void {
    const c = this.ctx;
    c.strokeStyle = '#fff';
    c.lineWidth = this.lineWidth;
    c.lineCap = 'round';
    c.lineJoin = 'round';
    c.beginPath();
    c.moveTo(a.x, a.y);
    c.lineTo(b.x, b.y);
    c.stroke();
    this.inked = true;
  }
}
