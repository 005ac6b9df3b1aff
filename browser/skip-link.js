/* "Skip to content" moves focus to the page's content, not only the view, as GOV.UK's skip link does:
 * the next Tab then starts there in every browser. The click is handled here alone (in the capture
 * phase, before Material's instant navigation, which would otherwise load the page again and drop
 * the focus). */

export function startSkipLink() {
  window.addEventListener("click", (event) => {
    const link = event.target.closest && event.target.closest("a.md-skip");
    const target = link && document.getElementById(decodeURIComponent(link.hash.slice(1)));
    if (!target) return;
    event.preventDefault();
    event.stopPropagation();
    if (location.hash !== link.hash) history.pushState(history.state, "", link.hash);
    if (!target.hasAttribute("tabindex")) {
      target.setAttribute("tabindex", "-1");
      target.classList.add("skip-target");
      target.addEventListener("blur", () => {
        target.removeAttribute("tabindex");
        target.classList.remove("skip-target");
      }, { once: true });
    }
    target.focus();
  }, true);
}
