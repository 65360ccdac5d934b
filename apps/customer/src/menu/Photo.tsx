import { useState, type CSSProperties } from 'react';

/** Hues of the placeholder plates, one per category position, so sections look distinct without photos. */
const HUES = [14, 34, 190, 140, 265, 330, 48, 210];

export interface PhotoProps {
  src: string | null;
  name: string;
  categoryIndex: number;
  /** Eager for the detail sheet, lazy for the grid. */
  lazy?: boolean;
  className?: string;
}

/** A 4:3 dish photo that fades in when loaded; a tinted plate with the dish's first letter without one. */
export function Photo({ src, name, categoryIndex, lazy = true, className }: PhotoProps) {
  const [loaded, setLoaded] = useState(false);
  const [failed, setFailed] = useState(false);
  const hue = HUES[categoryIndex % HUES.length] ?? 14;
  const showImage = src !== null && !failed;
  return (
    <span
      className={`photo${className ? ` ${className}` : ''}`}
      style={{ '--hue': String(hue) } as CSSProperties}
    >
      {!(showImage && loaded) && (
        <span className="photo__placeholder" aria-hidden="true">
          {/* Drawn by CSS (not text): a card's name is its dish and price, and the letter is decoration. */}
          <span className="photo__plate" data-initial={Array.from(name)[0] ?? ''} />
        </span>
      )}
      {showImage && (
        <img
          className="photo__img"
          src={src}
          alt=""
          loading={lazy ? 'lazy' : 'eager'}
          decoding="async"
          data-loaded={loaded ? 'true' : 'false'}
          onLoad={() => {
            setLoaded(true);
          }}
          onError={() => {
            setFailed(true);
          }}
        />
      )}
    </span>
  );
}
