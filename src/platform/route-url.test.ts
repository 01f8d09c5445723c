import assert from 'node:assert/strict';
import { test } from 'node:test';
import { queryString, routeUrl } from './route-url.js';

const cases: { name: string; got: () => string; want: string }[] = [
  {
    name: 'fills each parameter',
    got: () => routeUrl('/admin/udgaver/:id/medlemmer/:memberId/fjern')({ id: 7, memberId: 12 }),
    want: '/admin/udgaver/7/medlemmer/12/fjern',
  },
  {
    name: 'a parameter before a file ending',
    got: () => routeUrl('/admin/udgaver/:id/indstillinger.csv')({ id: 3 }),
    want: '/admin/udgaver/3/indstillinger.csv',
  },
  { name: 'encodes values', got: () => routeUrl('/priser/:slug/:year')({ slug: 'årets pris/x', year: 2026 }), want: '/priser/%C3%A5rets%20pris%2Fx/2026' },
  {
    name: 'adds the set query values',
    got: () => routeUrl('/admin/udgaver/:id/rediger')({ id: 1 }, { gemt: 1, sendt: 0, fejl: undefined, x: false }),
    want: '/admin/udgaver/1/rediger?gemt=1&sendt=0',
  },
  { name: 'a pattern without parameters takes only a query', got: () => routeUrl('/arkiv')({ side: 2 }), want: '/arkiv?side=2' },
  { name: 'true is written as 1', got: () => routeUrl('/admin/personer')({ slettet: true }), want: '/admin/personer?slettet=1' },
];
for (const c of cases) test(`routeUrl: ${c.name}`, () => assert.equal(c.got(), c.want));

test('routeUrl keeps the pattern for the route to register', () => {
  assert.equal(routeUrl('/admin/udgaver/:id/panel').pattern, '/admin/udgaver/:id/panel');
});

test('queryString is empty for no values', () => {
  assert.equal(queryString({ a: null }), '');
  assert.equal(queryString(undefined), '');
});
