import type { InspectKind, InspectLink, RenderedDocument } from './model';

/** Accumulates document text and remembers which spans name other objects. */
export class TextBuilder {
  private readonly parts: string[] = [];
  private length = 0;
  private readonly links: InspectLink[] = [];

  add(text: string): this {
    this.parts.push(text);
    this.length += text.length;
    return this;
  }

  /** Appends `text` and records it as a link to the object `target` of `kind` (no link for empty text). */
  link(text: string, kind: InspectKind, target: string | undefined): this {
    if (text && target) this.links.push({ start: this.length, end: this.length + text.length, kind, target });
    return this.add(text);
  }

  build(): RenderedDocument {
    return { text: this.parts.join(''), links: this.links };
  }
}
