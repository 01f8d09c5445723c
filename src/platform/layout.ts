// Temporary: the admin pages still import the layout from here until they move into their
// modules (issue 12, item 1) and are built from the kit. Everything else imports
// ./ui/index.js. This file and ui/legacy-alert.tsx go when the last admin page is converted.
export { ASSET_VERSION, type Crumb, type FooterOrganiser, formatTimeLeft, Html, Layout, type PageContext, render, Time } from './ui/index.js';
export { Alert } from './ui/legacy-alert.js';
