import { test } from 'node:test';
import assert from 'node:assert/strict';
import { brandColourProblem, contrastRatio, markSvg, markText, normaliseColour, themeCss } from './brand.js';

const colours: { typed: string; problem: ReturnType<typeof brandColourProblem>; stored?: string }[] = [
  { typed: '#0b5e6b', problem: null, stored: '#0b5e6b' },
  { typed: '0B5E6B', problem: null, stored: '#0b5e6b' },
  { typed: ' #004993 ', problem: null, stored: '#004993' },
  { typed: '#fff', problem: 'format' },
  { typed: 'blue', problem: 'format' },
  { typed: '#12345g', problem: 'format' },
  { typed: '#0b5e6b;}body{display:none', problem: 'format' },
  { typed: '#ffffff', problem: 'contrast' },
  { typed: '#ffd700', problem: 'contrast' },
  // #767676 is the lightest grey with 4.5:1 on white; #777777 is just under.
  { typed: '#767676', problem: null, stored: '#767676' },
  { typed: '#777777', problem: 'contrast' },
];
for (const c of colours) {
  test(`brand colour ${JSON.stringify(c.typed)}: ${c.problem ?? 'accepted'}`, () => {
    assert.equal(brandColourProblem(c.typed), c.problem);
    if (c.stored) assert.equal(normaliseColour(c.typed), c.stored);
  });
}

test('contrast ratio follows WCAG (black on white is 21:1)', () => {
  assert.equal(Math.round(contrastRatio('#000000', '#ffffff')), 21);
  assert.equal(contrastRatio('#ffffff', '#ffffff'), 1);
});

test('mark letters: chosen ones, else the initials of the name', () => {
  assert.equal(markText('Region Midtjylland', null), 'RM');
  assert.equal(markText('Region Midtjylland', 'rmj'), 'RMJ');
  assert.equal(markText('Danske Regioner', '<b>'), 'DR');
  assert.equal(markText('Ærø Kommune', null), 'ÆK');
  assert.equal(markText('"(Demo)" Region', null), 'DR');
});

test('the mark is a plain SVG: no script, no markup from the letters, only a valid colour', () => {
  const svg = markSvg('<script>', '#0b5e6b"/><script>');
  assert.doesNotMatch(svg, /<script/);
  assert.match(svg, /fill="#454545"/);
  assert.match(markSvg('RM', '#0b5e6b'), />RM<\/text>/);
});

test('the theme sets the two custom properties from a valid colour only', () => {
  assert.equal(themeCss('#0b5e6b'), ':root{--brand-primary:#0b5e6b;--brand-primary-dark:#073d46;}\n');
  assert.match(themeCss('red;}*{display:none'), /--brand-primary:#454545;/);
});
