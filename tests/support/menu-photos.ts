// Illustrated photos for the demo menu, drawn as SVG, encoded with sharp and uploaded through the admin
// API (POST /admin/images, then PATCH the item's imageKey): the journeys exercise the real image path and
// their screenshots show a menu with pictures, as a restaurant's would.
import sharp from 'sharp';
import { DEMO } from './api-server.js';
import { rng } from './common.js';
import { adminLogin, http } from './http.js';

const W = 800;
const H = 600;
const CX = W / 2;
const CY = H / 2;

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;

/** A point spread over a disc of radius `radius` around the centre. */
function inDisc(r: () => number, radius: number): [number, number] {
  const a = r() * Math.PI * 2;
  const d = Math.sqrt(r()) * radius;
  return [CX + Math.cos(a) * d, CY + Math.sin(a) * d];
}

const DEFS = `
<defs>
  <linearGradient id="wood" x1="0" y1="0" x2="1" y2="1">
    <stop offset="0" stop-color="#9a6a47"/><stop offset="0.5" stop-color="#7c5136"/><stop offset="1" stop-color="#5b3922"/>
  </linearGradient>
  <radialGradient id="light" cx="0.3" cy="0.2" r="0.9">
    <stop offset="0" stop-color="#fff" stop-opacity="0.25"/><stop offset="1" stop-color="#000" stop-opacity="0.25"/>
  </radialGradient>
  <radialGradient id="plate" cx="0.45" cy="0.4" r="0.6">
    <stop offset="0" stop-color="#ffffff"/><stop offset="0.75" stop-color="#f3f1ec"/><stop offset="1" stop-color="#d8d3c9"/>
  </radialGradient>
  <radialGradient id="earthen" cx="0.4" cy="0.35" r="0.7">
    <stop offset="0" stop-color="#4a3328"/><stop offset="1" stop-color="#1e1410"/>
  </radialGradient>
  <radialGradient id="steel" cx="0.35" cy="0.3" r="0.75">
    <stop offset="0" stop-color="#f4f6f8"/><stop offset="0.6" stop-color="#c3c8ce"/><stop offset="1" stop-color="#8d949c"/>
  </radialGradient>
  <filter id="shadow" x="-20%" y="-20%" width="140%" height="140%"><feGaussianBlur stdDeviation="18"/></filter>
  <filter id="soft" x="-10%" y="-10%" width="120%" height="120%"><feGaussianBlur stdDeviation="1.2"/></filter>
</defs>`;

function table(r: () => number): string {
  const grain = Array.from({ length: 14 }, (_, i) => {
    const y = (i + r()) * (H / 14);
    return `<path d="M0 ${y} C ${W / 3} ${y + 10 - r() * 20}, ${(2 * W) / 3} ${y - 10 + r() * 20}, ${W} ${y}" stroke="#3b2414" stroke-opacity="0.12" stroke-width="${2 + r() * 3}" fill="none"/>`;
  }).join('');
  return `<rect width="${W}" height="${H}" fill="url(#wood)"/>${grain}`;
}

const shadow = (rx: number, ry = rx, cy = CY + 22) =>
  `<ellipse cx="${CX + 14}" cy="${cy}" rx="${rx}" ry="${ry}" fill="#000" opacity="0.45" filter="url(#shadow)"/>`;

function plate(): string {
  return `${shadow(250)}<circle cx="${CX}" cy="${CY}" r="250" fill="url(#plate)"/>
  <circle cx="${CX}" cy="${CY}" r="190" fill="#f7f5f0" stroke="#e4e0d7" stroke-width="4"/>`;
}

function earthenBowl(soup: [string, string]): string {
  return `${shadow(240)}<circle cx="${CX}" cy="${CY}" r="240" fill="url(#earthen)"/>
  <circle cx="${CX}" cy="${CY}" r="222" fill="none" stroke="#6b4c3c" stroke-width="6" opacity="0.7"/>
  <radialGradient id="soup" cx="0.45" cy="0.4" r="0.6"><stop offset="0" stop-color="${soup[0]}"/><stop offset="1" stop-color="${soup[1]}"/></radialGradient>
  <circle cx="${CX}" cy="${CY}" r="196" fill="url(#soup)"/>`;
}

/** Irregular pieces (meat, kimchi): rotated ellipses in a few shades. */
function pieces(
  r: () => number,
  n: number,
  radius: number,
  colors: readonly string[],
  size: [number, number],
): string {
  return Array.from({ length: n }, () => {
    const [x, y] = inDisc(r, radius);
    const rx = size[0] + r() * size[1];
    const ry = rx * (0.45 + r() * 0.4);
    return `<ellipse cx="${x}" cy="${y}" rx="${rx}" ry="${ry}" transform="rotate(${r() * 180} ${x} ${y})" fill="${pick(r, colors)}" stroke="#000" stroke-opacity="0.12" stroke-width="2"/>`;
  }).join('');
}

function greenOnion(r: () => number, n: number, radius: number): string {
  return Array.from({ length: n }, () => {
    const [x, y] = inDisc(r, radius);
    const s = 7 + r() * 5;
    return `<circle cx="${x}" cy="${y}" r="${s}" fill="#b9e29b" stroke="#4c9a2a" stroke-width="4"/>`;
  }).join('');
}

function sesame(r: () => number, n: number, radius: number): string {
  return Array.from({ length: n }, () => {
    const [x, y] = inDisc(r, radius);
    return `<ellipse cx="${x}" cy="${y}" rx="4" ry="2.2" transform="rotate(${r() * 180} ${x} ${y})" fill="#f8f0d8"/>`;
  }).join('');
}

function tofu(r: () => number, n: number, radius: number): string {
  return Array.from({ length: n }, () => {
    const [x, y] = inDisc(r, radius);
    const s = 40 + r() * 14;
    return `<rect x="${x - s / 2}" y="${y - s / 2}" width="${s}" height="${s}" rx="7" transform="rotate(${r() * 90} ${x} ${y})" fill="#f7f0df" stroke="#d9ccad" stroke-width="3"/>`;
  }).join('');
}

function onionSlivers(r: () => number, n: number, radius: number): string {
  return Array.from({ length: n }, () => {
    const [x, y] = inDisc(r, radius);
    const a = r() * 360;
    return `<path d="M${x - 26} ${y} Q ${x} ${y - 18} ${x + 26} ${y}" transform="rotate(${a} ${x} ${y})" stroke="#f5ecd3" stroke-width="7" stroke-linecap="round" fill="none" opacity="0.9"/>`;
  }).join('');
}

const shine = `<ellipse cx="${CX - 70}" cy="${CY - 80}" rx="90" ry="40" fill="#fff" opacity="0.12" transform="rotate(-30 ${CX - 70} ${CY - 80})"/>`;

type Drawing = (r: () => number) => string;

const stew =
  (soup: [string, string], extra: Drawing): Drawing =>
  (r) =>
    `${earthenBowl(soup)}${extra(r)}${greenOnion(r, 14, 170)}${shine}`;

const glass = (liquid: [string, string], extra: string): string => `
  ${shadow(150, 60, CY + 215)}
  <linearGradient id="liq" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${liquid[0]}"/><stop offset="1" stop-color="${liquid[1]}"/></linearGradient>
  <path d="M300 90 L500 90 L480 510 Q400 530 320 510 Z" fill="#ffffff" fill-opacity="0.18" stroke="#ffffff" stroke-opacity="0.7" stroke-width="5"/>
  <path d="M306 170 L494 170 L480 505 Q400 524 320 505 Z" fill="url(#liq)"/>
  ${extra}
  <path d="M322 110 L338 490" stroke="#fff" stroke-opacity="0.55" stroke-width="10" stroke-linecap="round"/>`;

const bubbles = (r: () => number, color: string) =>
  Array.from({ length: 26 }, () => {
    const x = 320 + r() * 160;
    const y = 190 + r() * 300;
    return `<circle cx="${x}" cy="${y}" r="${2 + r() * 5}" fill="none" stroke="${color}" stroke-width="2" opacity="0.7"/>`;
  }).join('');

const ice = (r: () => number) =>
  Array.from({ length: 3 }, (_, i) => {
    const x = 330 + i * 48 + r() * 10;
    const y = 180 + r() * 30;
    return `<rect x="${x}" y="${y}" width="58" height="54" rx="10" transform="rotate(${r() * 30 - 15} ${x + 29} ${y + 27})" fill="#eaf6ff" fill-opacity="0.55" stroke="#fff" stroke-opacity="0.8" stroke-width="3"/>`;
  }).join('');

/** Drawings by dish name (the demo seed's Korean menu). */
const DISHES: Record<string, Drawing> = {
  김치찌개: stew(['#e4572e', '#a52f12'], (r) =>
    [
      pieces(r, 16, 150, ['#f06a45', '#d9482a', '#f38a5c'], [18, 22]),
      tofu(r, 5, 130),
      pieces(r, 8, 140, ['#f3c9b5', '#e9b19a'], [14, 10]),
    ].join(''),
  ),
  된장찌개: stew(['#b88646', '#7c5226'], (r) =>
    [
      tofu(r, 7, 140),
      Array.from({ length: 8 }, () => {
        const [x, y] = inDisc(r, 140);
        return `<circle cx="${x}" cy="${y}" r="24" fill="#dfe9a6" stroke="#7f9c3c" stroke-width="5"/><circle cx="${x}" cy="${y}" r="10" fill="#f2f3d0"/>`;
      }).join(''),
      pieces(r, 6, 140, ['#c0392b'], [6, 4]),
    ].join(''),
  ),
  제육볶음: (r) =>
    `${plate()}${pieces(r, 80, 125, ['#b5391a', '#c9471f', '#9a2d13', '#d45a2a'], [24, 18])}${onionSlivers(r, 10, 120)}${greenOnion(r, 12, 130)}${sesame(r, 40, 130)}`,
  불고기: (r) =>
    `${plate()}${pieces(r, 80, 125, ['#6b3419', '#7d4020', '#5a2b14', '#8a4a25'], [26, 18])}${onionSlivers(r, 14, 125)}${greenOnion(r, 10, 130)}${sesame(r, 50, 130)}`,
  계란말이: (r) =>
    `${plate()}${Array.from({ length: 5 }, (_, i) => {
      const x = CX - 170 + i * 70;
      const specks = Array.from({ length: 8 }, () => {
        const sx = x + 10 + r() * 44;
        const sy = CY - 50 + r() * 100;
        return `<circle cx="${sx}" cy="${sy}" r="${3 + r() * 3}" fill="${pick(r, ['#e8742a', '#4c9a2a'])}"/>`;
      }).join('');
      return `<rect x="${x}" y="${CY - 70}" width="64" height="140" rx="22" fill="#f7d35c" stroke="#dcae35" stroke-width="4"/>
        <path d="M${x + 14} ${CY - 52} Q ${x + 50} ${CY} ${x + 14} ${CY + 52}" stroke="#e9bd45" stroke-width="5" fill="none"/>${specks}`;
    }).join('')}`,
  해물파전: (r) =>
    `${plate()}<radialGradient id="jeon" cx="0.45" cy="0.4" r="0.6"><stop offset="0" stop-color="#efc15e"/><stop offset="1" stop-color="#c98a2e"/></radialGradient>
    <circle cx="${CX}" cy="${CY}" r="178" fill="url(#jeon)"/>${Array.from({ length: 14 }, () => {
      const [x, y] = inDisc(r, 130);
      return `<rect x="${x - 60}" y="${y - 6}" width="120" height="12" rx="6" transform="rotate(${-35 + r() * 20} ${x} ${y})" fill="#5aa83a" stroke="#3d7d22" stroke-width="2"/>`;
    }).join(
      '',
    )}${pieces(r, 12, 130, ['#f6d2c4', '#f29a7a', '#f7e4da'], [12, 10])}${pieces(r, 20, 160, ['#a8631f'], [6, 6])}`,
  공기밥: (r) =>
    `${shadow(205)}<circle cx="${CX}" cy="${CY}" r="205" fill="url(#steel)"/><circle cx="${CX}" cy="${CY}" r="172" fill="#fbfaf6"/>${Array.from(
      { length: 260 },
      () => {
        const [x, y] = inDisc(r, 165);
        return `<ellipse cx="${x}" cy="${y}" rx="7" ry="3.6" transform="rotate(${r() * 180} ${x} ${y})" fill="#ffffff" stroke="#e6e0d0" stroke-width="1.2"/>`;
      },
    ).join('')}`,
  떡볶이: (r) =>
    `${shadow(240)}<circle cx="${CX}" cy="${CY}" r="240" fill="url(#steel)"/>
    <radialGradient id="gochujang" cx="0.45" cy="0.4" r="0.6"><stop offset="0" stop-color="#e5432a"/><stop offset="1" stop-color="#a61e0f"/></radialGradient>
    <circle cx="${CX}" cy="${CY}" r="205" fill="url(#gochujang)"/>${Array.from({ length: 26 }, () => {
      const [x, y] = inDisc(r, 165);
      return `<rect x="${x - 42}" y="${y - 13}" width="84" height="26" rx="13" transform="rotate(${r() * 180} ${x} ${y})" fill="#f6d9c8" stroke="#c0392b" stroke-width="4"/>`;
    }).join('')}${Array.from({ length: 7 }, () => {
      const [x, y] = inDisc(r, 150);
      return `<path d="M${x - 34} ${y + 22} L${x} ${y - 30} L${x + 34} ${y + 22} Z" transform="rotate(${r() * 360} ${x} ${y})" fill="#e8b56a" stroke="#b5762c" stroke-width="4"/>`;
    }).join('')}${greenOnion(r, 10, 150)}${sesame(r, 40, 160)}`,
  레몬에이드: (r) =>
    glass(
      ['#fff7b8', '#f4d94a'],
      `${ice(r)}${bubbles(r, '#ffffff')}<circle cx="470" cy="150" r="50" fill="#f7e04b" stroke="#d8b41c" stroke-width="6"/><path d="M470 104 L470 196 M424 150 L516 150 M437 117 L503 183 M503 117 L437 183" stroke="#fff6bf" stroke-width="4"/>`,
    ),
  콜라: (r) => glass(['#4a2212', '#1f0a04'], `${ice(r)}${bubbles(r, '#c98b5e')}`),
  사이다: (r) =>
    glass(
      ['#f1faea', '#d7efc8'],
      `${ice(r)}${bubbles(r, '#ffffff')}<circle cx="470" cy="150" r="46" fill="#c6e36a" stroke="#7fa62b" stroke-width="6"/><path d="M470 110 L470 190 M430 150 L510 150" stroke="#eef7c9" stroke-width="4"/>`,
    ),
  식혜: (r) =>
    `${shadow(230)}<circle cx="${CX}" cy="${CY}" r="230" fill="url(#plate)"/><circle cx="${CX}" cy="${CY}" r="196" fill="#efe3c0"/>${Array.from(
      { length: 70 },
      () => {
        const [x, y] = inDisc(r, 180);
        return `<ellipse cx="${x}" cy="${y}" rx="6" ry="3" transform="rotate(${r() * 180} ${x} ${y})" fill="#fffdf5" opacity="0.95"/>`;
      },
    ).join(
      '',
    )}<circle cx="${CX + 40}" cy="${CY - 20}" r="10" fill="#f5e9c8" stroke="#d8c48f" stroke-width="2"/><circle cx="${CX - 50}" cy="${CY + 30}" r="10" fill="#f5e9c8" stroke="#d8c48f" stroke-width="2"/>${shine}`,
  소주: () => `
    ${shadow(170, 50, CY + 230)}
    <linearGradient id="bottle" x1="0" x2="1"><stop offset="0" stop-color="#1f7a4a"/><stop offset="0.4" stop-color="#49b37a"/><stop offset="1" stop-color="#17603a"/></linearGradient>
    <path d="M350 40 L400 40 L400 130 Q450 170 450 230 L450 520 Q375 540 300 520 L300 230 Q300 170 350 130 Z" fill="url(#bottle)" opacity="0.95"/>
    <rect x="346" y="28" width="58" height="36" rx="6" fill="#2c8a56"/>
    <rect x="300" y="300" width="150" height="130" fill="#f4f7f2"/>
    <rect x="316" y="330" width="118" height="18" rx="9" fill="#2e8b57"/><rect x="330" y="362" width="90" height="10" rx="5" fill="#9ad3b0"/>
    <path d="M322 180 L322 500" stroke="#fff" stroke-opacity="0.35" stroke-width="10" stroke-linecap="round"/>
    <path d="M500 410 L590 410 L580 520 Q545 530 510 520 Z" fill="#ffffff" fill-opacity="0.3" stroke="#fff" stroke-width="4"/>
    <path d="M504 440 L586 440 L580 516 Q545 526 510 516 Z" fill="#eef6f1" fill-opacity="0.8"/>`,
  맥주: (r) => `
    ${shadow(170, 60, CY + 220)}
    <linearGradient id="beer" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#f2b52e"/><stop offset="1" stop-color="#c77d0f"/></linearGradient>
    <path d="M490 200 Q580 200 580 300 Q580 400 490 400" stroke="#ffffff" stroke-opacity="0.6" stroke-width="26" fill="none"/>
    <rect x="270" y="110" width="240" height="410" rx="26" fill="#ffffff" fill-opacity="0.2" stroke="#fff" stroke-opacity="0.75" stroke-width="6"/>
    <rect x="280" y="170" width="220" height="342" rx="18" fill="url(#beer)"/>
    ${bubbles(r, '#fff3c4')}
    <path d="M272 176 Q300 120 340 140 Q370 100 410 130 Q450 96 480 132 Q515 128 508 176 Z" fill="#fffaf0"/>
    <path d="M296 200 L296 490" stroke="#fff" stroke-opacity="0.4" stroke-width="12" stroke-linecap="round"/>`,
};

/** The picture of a dish as an 800×600 JPEG, or undefined for a dish without a drawing. */
async function dishPhoto(name: string, seed = 7): Promise<Buffer | undefined> {
  const draw = DISHES[name];
  if (!draw) return undefined;
  const r = rng(seed + name.length * 131 + (name.codePointAt(0) ?? 0));
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">${DEFS}${table(r)}${draw(r)}<rect width="${W}" height="${H}" fill="url(#light)"/></svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 88 }).toBuffer();
}

/** Uploads a picture for every demo dish through the admin API and attaches it to the menu item. */
export async function uploadMenuPhotos(baseUrl: string): Promise<number> {
  const token = await adminLogin(baseUrl, DEMO.store, DEMO.admin, DEMO.adminPassword);
  const { items } = (await http(baseUrl, 'GET', '/api/v1/admin/menu-items', { token })).json<{
    items: { id: number; name: string }[];
  }>();
  let uploaded = 0;
  for (const item of items) {
    const photo = await dishPhoto(item.name);
    if (!photo) continue;
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(photo)], { type: 'image/jpeg' }), `${item.id}.jpg`);
    const res = await fetch(`${baseUrl}/api/v1/admin/images`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    if (res.status !== 201) throw new Error(`upload ${item.name}: ${res.status} ${await res.text()}`);
    const { imageKey } = (await res.json()) as { imageKey: string };
    const patched = await http(baseUrl, 'PATCH', `/api/v1/admin/menu-items/${item.id}`, {
      token,
      body: { imageKey },
    });
    if (patched.status !== 200) throw new Error(`attach ${item.name}: ${patched.status}`);
    uploaded++;
  }
  return uploaded;
}
