/* Confirmation in a modal dialog (safeguarding_site/templates/confirm_dialog.html.j2), so keyboard and
 * screen readers stay in it. However it closes (a button or Escape), focus goes back where it came
 * from, and "no" says nothing was changed. `find()` returns the tool's dialog element. */

const put = (node, text) => { node.textContent = text; };

export function createDialog(find, tell) {
  let pending = null;
  let opener = null;
  return {
    ask(title, text, yes, then, from) {
      const node = find();
      put(node.querySelector("[data-dialog-title]"), title);
      put(node.querySelector("[data-dialog-text]"), text);
      put(node.querySelector("[data-dialog-confirm]"), yes);
      pending = then;
      opener = from || document.activeElement;
      node.showModal();
      node.querySelector("[data-dialog-cancel]").focus();
    },
    /* A click on the dialog's own buttons: true if it was one of them. */
    click(button) {
      const yes = button.hasAttribute("data-dialog-confirm");
      if (!yes && !button.hasAttribute("data-dialog-cancel")) return false;
      const then = yes ? pending : null;
      pending = null;
      find().close();
      if (then) then();
      else tell("Nothing was changed.");
      return true;
    },
    closed(event) {
      if (!event.target.matches || !event.target.matches("[data-dialog]") || event.target !== find()) return;
      if (pending) {
        pending = null;
        tell("Nothing was changed.");
      }
      if (opener && opener.isConnected) opener.focus();
    },
  };
}
