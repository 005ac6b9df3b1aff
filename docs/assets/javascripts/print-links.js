/*
  On paper a link is no use unless its address is printed. This writes the full address of each link
  in the page and its footer into data-print-url, which site.css prints after the link text.
  Links within the site are given their public address (from the page's canonical link), not the
  address the page happens to be viewed at. Links whose text already shows the address are left alone.
*/
(function () {
  "use strict";

  function publicBase() {
    var canonical = document.querySelector("link[rel='canonical']");
    return canonical ? canonical.href : document.baseURI;
  }

  function bare(address) {
    return address.replace(/^[a-z]+:(\/\/)?/i, "").replace(/^www\./i, "").replace(/\/$/, "").toLowerCase();
  }

  function markLinks() {
    var base = publicBase();
    var links = document.querySelectorAll(".md-content a[href], .md-footer-meta a[href]");
    for (var i = 0; i < links.length; i++) {
      var link = links[i];
      var href = link.getAttribute("href");
      if (!href || href.charAt(0) === "#" || link.classList.contains("headerlink") ||
          /^javascript:/i.test(href)) {
        continue;
      }
      var address;
      try {
        address = new URL(href, base).href;
      } catch (error) {
        continue;
      }
      if (/^mailto:/i.test(address) || /^tel:/i.test(address)) address = address.replace(/^[a-z]+:/i, "");
      if (link.textContent.toLowerCase().indexOf(bare(address)) === -1) {
        link.setAttribute("data-print-url", address);
      }
    }
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(markLinks);
  } else {
    markLinks();
  }
})();
