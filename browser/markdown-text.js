/* Text from a reader, written into Markdown so that it reads as typed: nothing in it becomes a
 * heading, a link, emphasis or HTML. */

export const md = (text) => String(text).replace(/[\\`*_[\]<>#|&~]/g, "\\$&");
export const mdLine = (text) => md(String(text).replace(/\s+/g, " ").trim());
