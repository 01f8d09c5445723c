/**
 * The DKFDS kit: every page is built from these components, with the markup DKFDS 11
 * documents (its Nunjucks templates in node_modules/dkfds/src/components). No DKFDS form,
 * alert or breadcrumb markup is written outside this folder (test/architecture/ui-kit.test.ts).
 */
export { AdminLayout } from './admin-layout.js';
export { Alert, type AlertProps, type AlertVariant } from './alert.js';
export { BackLink } from './back-link.js';
export { Breadcrumbs, type Crumb } from './breadcrumbs.js';
export { Details } from './details.js';
export { Button, ButtonGroup, ButtonLink, type ButtonVariant } from './button.js';
export type { PageContext } from './context.js';
export { ErrorSummary, errorFor, type FieldError } from './error-summary.js';
export {
  Checkbox,
  Checkboxes,
  type ChoiceOption,
  DateTimeInput,
  ErrorMessage,
  Fieldset,
  FileInput,
  Hint,
  Label,
  Radios,
  SearchField,
  Select,
  TextArea,
  TextInput,
  type WordCountTexts,
  errorId,
  hintId,
} from './form-fields.js';
export { Icon, IconSprite, type IconName } from './icon.js';
export { type Authority, type FooterOrganiser, Layout, formatTimeLeft } from './layout.js';
export { Modal, ModalButton } from './modal.js';
export { Pagination, pageItems } from './pagination.js';
export { LocalizedParagraphs, LocalizedText, type TwoLanguages, pickText } from './localized.js';
export { Paragraphs } from './paragraphs.js';
export { Html, render } from './render.js';
export { type Step, StepIndicator } from './step-indicator.js';
export { SortHeader, Table } from './table.js';
export { Badge, type BadgeStatus, Tag } from './tag.js';
export { Time } from './time.js';
