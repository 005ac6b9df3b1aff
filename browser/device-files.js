/* Files made and read in the browser, on the reader's own device: nothing is sent anywhere. */

export const MAX_FILE = 5e6;

/* A file handed to the browser as a download; returns the words that tell the reader where it went. */
export function download(name, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  // A detached link, and no bubbling: Material's instant navigation never sees this click.
  link.addEventListener("click", (event) => event.stopPropagation());
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 30000);
  return `Saved “${name}” to this device (usually in your Downloads folder). Nothing was sent anywhere.`;
}

/* The file chosen in a file input, as { name, text } (the input is emptied, so the same file can be
 * chosen again); null when none was chosen. Throws an Error a reader can act on. */
export async function chosenFile(input, what, untouched) {
  const file = input.files && input.files[0];
  input.value = "";
  if (!file) return null;
  if (file.size > MAX_FILE) throw new Error(`This file is too large to be ${what}, so it was not opened. ${untouched}`);
  return { name: file.name, text: await file.text() };
}
