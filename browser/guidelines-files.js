/* The Guidelines worksheet's files part: what only saving, opening or comparing a file needs, fetched the first
 * time the reader goes to do one of those (parts.js), not with every visit to the worksheet. */

import { chosenFile, download } from "./device-files.js";
import { createComparison } from "./guidelines-changes.js";
import { readSaved } from "./guidelines-read.js";
import { asMarkdown, asYaml } from "./guidelines-save.js";

export const files = { asMarkdown, asYaml, chosenFile, createComparison, download, readSaved };
