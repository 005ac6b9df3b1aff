/*
 * Search for the copy of the site that `make offline` makes, opened straight from disk (file://).
 *
 * Material runs its search in a Web Worker, and browsers refuse to start a worker from a file:// page.
 * On such pages this stands in for Worker: the worker's script runs in a hidden frame of the same page,
 * and messages pass between the two just as they would with a real worker. On a web server it does
 * nothing. (Material's offline plugin loads a similar shim, iframe-worker, from unpkg.com; this site
 * loads nothing from other websites, so its offline copy carries its own.)
 */
(function () {
  "use strict";
  if (location.protocol !== "file:") {
    return;
  }

  // Messages are plain JSON; copying them makes each side's objects its own, as a real worker does.
  function copy(data, realm) {
    return data === undefined ? undefined : realm.JSON.parse(JSON.stringify(data));
  }

  class FrameWorker extends EventTarget {
    constructor(url) {
      super();
      this.onmessage = null;
      this.onerror = null;
      this.waiting = [];
      this.ready = false;
      this.frame = document.createElement("iframe");
      this.frame.hidden = true;
      this.frame.tabIndex = -1;
      this.frame.setAttribute("aria-hidden", "true");
      this.frame.title = "Search";
      this.frame.addEventListener("worker-message", (event) => this.receive(event.detail));
      this.frame.addEventListener("load", () => {
        this.ready = true;
        this.waiting.splice(0).forEach((data) => this.deliver(data));
      });
      const script = new URL(url, location.href).href.replace(/"/g, "%22");
      // Inside the frame, postMessage hands the message back to this object instead.
      this.frame.srcdoc = "<!doctype html><meta charset=\"utf-8\"><script>" +
        "window.postMessage = function (data) {" +
        "  frameElement.dispatchEvent(new parent.CustomEvent('worker-message', {detail: JSON.stringify(data)}));" +
        "};" +
        "</script><script src=\"" + script + "\"></script>";
      document.body.appendChild(this.frame);
    }

    postMessage(data) {
      if (this.ready) {
        this.deliver(data);
      } else {
        this.waiting.push(data);
      }
    }

    deliver(data) {
      const realm = this.frame.contentWindow;
      realm.dispatchEvent(new realm.MessageEvent("message", { data: copy(data, realm) }));
    }

    receive(json) {
      const event = new MessageEvent("message", { data: json === undefined ? undefined : JSON.parse(json) });
      if (typeof this.onmessage === "function") {
        this.onmessage(event);
      }
      this.dispatchEvent(event);
    }

    terminate() {
      this.frame.remove();
    }
  }

  window.Worker = FrameWorker;
})();
