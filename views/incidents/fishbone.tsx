import type { Child } from 'hono/jsx';
import type { fishboneCategories } from '../../src/shared/vocabulary';

export type FishboneCategory = (typeof fishboneCategories)[number];

/** The bones in the order the diagram is usually drawn: three above the spine, three below. */
export const fishboneLabels: Record<FishboneCategory, string> = {
  equipment: 'Equipment',
  people: 'People',
  process: 'Process',
  environment: 'Environment',
  materials: 'Materials',
  management: 'Management',
};
const bones = Object.keys(fishboneLabels) as FishboneCategory[];

// The drawing's own units; CSS scales the whole picture to the page's width, as the MAUDE trend chart does.
const width = 820;
const height = 380;
const spineY = height / 2;
const spineEnd = 660;
const boneRise = 150;
const boneLean = 70;
const boneXs = [270, 455, 640];
const lineGap = 18;
/** A bone holds this many factors drawn; the list beside the diagram holds them all. */
const drawnPerBone = 6;
const drawnChars = 24;

const clip = (text: string, most = drawnChars) => {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > most ? `${line.slice(0, most - 1)}…` : line;
};

/**
 * The Ishikawa diagram of the contributing factors, drawn on the server as SVG: the problem at
 * the head, one bone per category, each factor written along its bone. Long factors are cut
 * short in the drawing (the full text is in each line's title and in the list beside it), and
 * hono/jsx escapes every text, so a factor is only ever text.
 */
export function Fishbone(props: { problem: string; factors: { category: string | null; text: string }[] }) {
  const of = (c: FishboneCategory) => props.factors.filter((f) => f.category === c).map((f) => f.text);
  const counted = bones.map((c) => `${fishboneLabels[c]} ${of(c).length}`).join(', ');
  return (
    <svg
      class="fishbone"
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={`Fishbone diagram of the contributing factors to "${props.problem}": ${counted}. The same factors are listed beside it.`}
    >
      <line class="spine" x1={20} y1={spineY} x2={spineEnd + 10} y2={spineY} />
      <rect class="head" x={spineEnd + 10} y={spineY - 40} width={width - spineEnd - 20} height={80} rx={6} />
      <text class="head" x={(spineEnd + width) / 2} y={spineY + 4} text-anchor="middle">
        <title>{props.problem}</title>
        {clip(props.problem, 20)}
      </text>
      {bones.map((c, i) => {
        const above = i < 3;
        const joinX = boneXs[i % 3]!;
        const endX = joinX - boneLean;
        const endY = above ? spineY - boneRise : spineY + boneRise;
        const factors = of(c);
        const shown = factors.slice(0, drawnPerBone);
        const more = factors.length - shown.length;
        return (
          <g class="bone">
            <line x1={endX} y1={endY} x2={joinX} y2={spineY} />
            <text class="category" x={endX} y={above ? endY - 8 : endY + 18} text-anchor="middle">
              {fishboneLabels[c]}
            </text>
            {[...shown, ...(more > 0 ? [`and ${more} more`] : [])].map((text, n) => {
              // Each factor sits on the bone, at its own height, written to the bone's left.
              const y = above ? endY + 16 + n * lineGap : endY - 10 - n * lineGap;
              const x = Math.round((endX + ((y - endY) / (spineY - endY)) * boneLean - 6) * 10) / 10;
              return (
                <text x={x} y={y} text-anchor="end">
                  <title>{text}</title>
                  {clip(text)}
                </text>
              );
            })}
            {factors.length === 0 && (
              <text class="none" x={endX + boneLean / 2 - 6} y={(endY + spineY) / 2} text-anchor="end">
                none
              </text>
            )}
          </g>
        );
      })}
    </svg>
  );
}

type Factor = { category: string | null; text: string };

/**
 * The same factors as the diagram, as a list a screen reader or a copy-and-paste can use; `item`
 * draws each factor when the page lets it be edited in place.
 */
export function FactorList<F extends Factor>(props: { factors: F[]; item?: (f: F) => Child }) {
  return (
    <dl class="record factor-list">
      {bones.map((c) => {
        const of = props.factors.filter((f) => f.category === c);
        return (
          <>
            <dt>{fishboneLabels[c]}</dt>
            <dd>
              {of.length === 0 ? (
                <span class="muted">—</span>
              ) : props.item ? (
                <ul class="entries">{of.map(props.item)}</ul>
              ) : (
                of.map((f) => <p class="pre">{f.text}</p>)
              )}
            </dd>
          </>
        );
      })}
    </dl>
  );
}
