// Progressive enhancement only: every page works without this file.
// DKFDS components (accordions, alerts, navigation) need one init call for the whole page.
if (window.DKFDS && typeof window.DKFDS.init === 'function') {
  window.DKFDS.init();
}
