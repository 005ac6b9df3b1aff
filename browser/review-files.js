/* The review's files part: what only saving or opening a review, combining a colleague's, or saving the report
 * for trustees needs, fetched the first time the reader goes to do one of those (parts.js), not with every
 * visit to a page with a checklist. */

import { chosenFile, download } from "./device-files.js";
import { reportMarkdown } from "./review-report-save.js";
import { asMarkdown, forExport } from "./review-save.js";

export const files = { asMarkdown, chosenFile, download, forExport, reportMarkdown };
