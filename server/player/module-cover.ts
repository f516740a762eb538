// A module's cover: a small SVG drawn from its topic and title, so every module has one without
// an author drawing anything, the same module always gets the same picture, and no image is
// fetched. Purely decorative (hidden from assistive technology): the title next to it says it all.

/** FNV-1a: a small, stable hash; the picture must not change between Node versions. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** A stream of numbers in [0, 1) from a seed (xorshift32). */
function numbers(seed: number): () => number {
  let x = seed || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 0x100000000;
  };
}

const WIDTH = 320;
const HEIGHT = 120;

/** The cover's SVG markup (a few hundred bytes): the topic sets the colours, the title the shapes. */
export function moduleCover(input: { title: string; topic?: string }): string {
  const topic = (input.topic ?? input.title).toLowerCase();
  const hue = hash(topic) % 360;
  const next = numbers(hash(input.title));
  const shapes: string[] = [];
  const count = 4 + Math.floor(next() * 3);
  for (let i = 0; i < count; i++) {
    const h = (hue + Math.round((next() - 0.5) * 60) + 360) % 360;
    const light = 45 + Math.round(next() * 30);
    const opacity = (0.35 + next() * 0.45).toFixed(2);
    const fill = `hsl(${h} 65% ${light}%)`;
    const x = Math.round(next() * WIDTH);
    const y = Math.round(next() * HEIGHT);
    const size = 24 + Math.round(next() * 70);
    if (next() < 0.55) {
      shapes.push(
        `<circle cx="${x}" cy="${y}" r="${size}" fill="${fill}" fill-opacity="${opacity}"/>`,
      );
    } else {
      const turn = Math.round(next() * 90);
      shapes.push(
        `<rect x="${x - size / 2}" y="${y - size / 2}" width="${size}" height="${size}" rx="${Math.round(size / 5)}" fill="${fill}" fill-opacity="${opacity}" transform="rotate(${turn} ${x} ${y})"/>`,
      );
    }
  }
  return (
    `<svg class="cover" viewBox="0 0 ${WIDTH} ${HEIGHT}" preserveAspectRatio="xMidYMid slice" aria-hidden="true" focusable="false" xmlns="http://www.w3.org/2000/svg">` +
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="hsl(${hue} 55% 28%)"/>${shapes.join("")}</svg>`
  );
}
