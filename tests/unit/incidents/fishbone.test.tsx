import { describe, expect, it } from 'vitest';
import { isFaintRecall } from '../../../src/incidents/faint-recalls';
import { Fishbone } from '../../../views/incidents/fishbone';

const draw = (factors: { category: string | null; text: string }[]) =>
  String(<Fishbone problem="Pump free-flow during a set change" factors={factors} />);

describe('the fishbone diagram', () => {
  it('when a factor is long, then the drawing cuts it short and keeps the whole text in its title', () => {
    const long = 'The anti-free-flow clip was missing from the administration set';
    const svg = draw([{ category: 'equipment', text: long }]);
    expect(svg).toContain(`<title>${long}</title>`);
    expect(svg).toContain('The anti-free-flow clip…');
    expect(svg).toContain('Equipment 1, People 0, Process 0, Environment 0, Materials 0, Management 0');
  });

  it('when a bone has more factors than fit, then it draws six and says how many more', () => {
    const svg = draw(
      Array.from({ length: 9 }, (_, i) => ({ category: 'process', text: `Step ${i + 1} skipped` })),
    );
    expect(svg).toContain('Step 6 skipped');
    expect(svg).not.toContain('Step 7 skipped');
    expect(svg).toContain('and 3 more');
  });

  it('when a factor carries markup, then it is drawn as text', () => {
    const svg = draw([{ category: 'people', text: '</text><script>alert(1)</script>' }]);
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;/text&gt;&lt;script&gt;');
  });
});

describe('low-confidence recalls on an incident', () => {
  it('when a low suggestion is unconfirmed, then it is folded; once a person confirms it, or it is medium or high, it is shown', () => {
    expect(isFaintRecall({ confidence: 'low', decision: null })).toBe(true);
    expect(isFaintRecall({ confidence: 'low', decision: 'confirmed' })).toBe(false);
    expect(isFaintRecall({ confidence: 'medium', decision: null })).toBe(false);
    expect(isFaintRecall({ confidence: 'high', decision: null })).toBe(false);
  });
});
