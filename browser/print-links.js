/*
  On paper a link is no use unless its address is printed. This writes the full address of each link
  in the page and its footer into data-print-url, which site.css prints after the link text.
  Links within the site are given their public address (from the page's canonical link), not the
  address the page happens to be viewed at. Links whose text already shows the address are left alone.
*/

/* The site root where the page is being read, and where it is published. Material's config gives
   the way from this page up to the root; the canonical link gives the published page address.
   Worked out once: instant navigation changes the page but not the roots. */
function roots() {
  var up = ".";
  try {
    up = JSON.parse(document.getElementById("__config").textContent).base || ".";
  } catch (error) {
    /* no Material config: treat this page as the root */
  }
  up = up.replace(/\/?$/, "/");
  var here = new URL(up, window.location.href).href;
  var canonical = document.querySelector("link[rel='canonical']");
  return { here: here, published: canonical ? new URL(up, canonical.href).href : here };
}

var root = null;

function publicAddress(link) {
  var address = link.href; /* absolute, however the page wrote it */
  if (address.indexOf(root.here) === 0) address = root.published + address.slice(root.here.length);
  return address;
}

function bare(address) {
  return address.replace(/^[a-z]+:(\/\/)?/i, "").replace(/^www\./i, "").replace(/\/$/, "").toLowerCase();
}

/* Whether a tel: address is the number its text shows, written the UK way ("0191 498 0123" for +441914980123). */
export function sameNumber(text, address) {
  var shown = text.replace(/\D/g, "").replace(/^0/, "44");
  var dialled = address.replace(/\D/g, "");
  return shown.length > 6 && shown === dialled;
}

export function markLinks() {
  root = root || roots();
  var links = document.querySelectorAll(".md-content a[href], .md-footer-meta a[href]");
  for (var i = 0; i < links.length; i++) {
    var link = links[i];
    var href = link.getAttribute("href");
    if (!href || href.charAt(0) === "#" || link.classList.contains("headerlink") ||
        /^javascript:/i.test(href)) {
      continue;
    }
    if (link.href.split("#")[0] === window.location.href.split("#")[0]) continue; /* same page */
    var address = publicAddress(link);
    if (/^tel:/i.test(address) && sameNumber(link.textContent, address)) continue; /* the number is the text */
    if (/^mailto:/i.test(address) || /^tel:/i.test(address)) address = address.replace(/^[a-z]+:/i, "");
    if (link.textContent.toLowerCase().indexOf(bare(address)) === -1) {
      link.setAttribute("data-print-url", address);
    }
  }
}
