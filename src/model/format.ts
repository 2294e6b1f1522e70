/** Small pure formatters shared by the explorer's models: ages, image references, ports. */
import { RawPort } from './raw';

/** "just now", "42 seconds ago", "5 minutes ago", "3 hours ago", "2 days ago" (like the docker CLI's ages). */
export function ageText(iso: string | undefined, now: number): string {
  const t = iso ? Date.parse(iso) : NaN;
  if (Number.isNaN(t)) return '';
  const s = Math.max(0, Math.floor((now - t) / 1000));
  if (s < 2) return 'just now';
  const unit = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'} ago`;
  if (s < 60) return unit(s, 'second');
  const m = Math.floor(s / 60);
  if (m < 60) return unit(m, 'minute');
  const h = Math.floor(m / 60);
  if (h < 48) return unit(h, 'hour');
  const d = Math.floor(h / 24);
  if (d < 14) return unit(d, 'day');
  const w = Math.floor(d / 7);
  if (d < 60) return unit(w, 'week');
  const mo = Math.floor(d / 30);
  if (d < 730) return unit(mo, 'month');
  return unit(Math.floor(d / 365), 'year');
}

/** `nginx:1.25@sha256:…` → `nginx:1.25`; a bare digest reference keeps a short digest so it stays recognisable. */
export function imageWithoutDigest(image: string | undefined): string {
  if (!image) return '';
  const at = image.indexOf('@');
  if (at < 0) return image;
  const name = image.slice(0, at);
  const lastSegment = name.slice(name.lastIndexOf('/') + 1);
  if (lastSegment.includes(':')) return name;
  const digest = image.slice(at + 1).replace(/^sha256:/, '');
  return `${name}@${digest.slice(0, 12)}`;
}

/** `8080:80/tcp`, `:8080/tcp (host)` when the engine picks the host port, `53/udp` for unpublished targets. */
export function formatPort(p: RawPort): string {
  const proto = (p.Protocol ?? 'tcp').toLowerCase();
  const target = p.TargetPort ?? '?';
  const host = p.PublishMode === 'host' ? ' (host)' : '';
  if (p.PublishedPort) return `${p.PublishedPort}:${target}/${proto}${host}`;
  return `*:${target}/${proto}${host}`;
}

export function formatPorts(ports: readonly RawPort[] | null | undefined): string[] {
  const out: string[] = [];
  for (const p of ports ?? []) {
    const text = formatPort(p);
    if (!out.includes(text)) out.push(text);
  }
  return out;
}

/** The first 12 characters of a Docker ID, as the CLI prints them. */
export function shortId(id: string | undefined): string {
  return (id ?? '').slice(0, 12);
}
