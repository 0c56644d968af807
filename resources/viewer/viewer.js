// Keepsake disc viewer: opens on the album covers; an album shows its thumbnails, a
// thumbnail its photo (#album-N, #album-N/photo-M). Plain JavaScript, no network; the
// albums and the words in the customer's language come from albums.js.
(function () {
  "use strict";
  var albums = window.KEEPSAKE_ALBUMS || [];
  var text = window.KEEPSAKE_TEXT || {};
  function el(id) { return document.getElementById(id); }
  function url(path) { return path.split("/").map(encodeURIComponent).join("/"); }
  function extension(name) { var dot = name.lastIndexOf("."); return dot < 0 ? "" : name.slice(dot + 1).toUpperCase(); }

  // A tile for a photo without a picture a browser shows: its name, never a broken image.
  function placeholder(photo) {
    var tile = document.createElement("div");
    tile.className = "nopicture";
    tile.setAttribute("role", "img");
    tile.setAttribute("aria-label", photo.name);
    tile.textContent = photo.name;
    return tile;
  }

  function showPhoto(albumIndex, photoIndex) {
    var album = albums[albumIndex];
    var photo = album && album.photos[photoIndex];
    if (!photo) { el("photo").hidden = true; return; }
    var img = el("photo-img");
    var missing = el("photo-missing");
    if (photo.view) {
      img.src = url(photo.view);
      img.alt = photo.name;
      img.hidden = false;
      missing.hidden = true;
    } else {
      img.removeAttribute("src");
      img.hidden = true;
      missing.firstChild.textContent = (text.noPicture || "%1").replace("%1", extension(photo.name));
      el("photo-original").href = url(photo.path);
      el("photo-original").textContent = text.open || photo.name;
      missing.hidden = false;
    }
    el("photo-caption").textContent = [photo.name, photo.taken, photo.caption].filter(Boolean).join(" · ");
    el("previous").hidden = photoIndex === 0;
    el("next").hidden = photoIndex + 1 >= album.photos.length;
    el("previous").href = "#album-" + albumIndex + "/photo-" + (photoIndex - 1);
    el("next").href = "#album-" + albumIndex + "/photo-" + (photoIndex + 1);
    el("close").href = "#album-" + albumIndex;
    el("photo").hidden = false;
  }

  function showAlbum(index) {
    var album = albums[index];
    if (!album) { showCovers(); return; }
    el("albums").hidden = true;
    el("album").hidden = false;
    el("album-title").textContent = album.title;
    var thumbs = el("thumbs");
    thumbs.textContent = "";
    album.photos.forEach(function (photo, photoIndex) {
      var link = document.createElement("a");
      link.href = "#album-" + index + "/photo-" + photoIndex;
      link.title = photo.caption || photo.name;
      var source = photo.thumb || photo.view;
      if (source) {
        var img = document.createElement("img");
        img.src = url(source);
        img.alt = photo.name;
        img.addEventListener("error", function () { link.replaceChild(placeholder(photo), img); });
        link.appendChild(img);
      } else {
        link.appendChild(placeholder(photo));
      }
      thumbs.appendChild(link);
    });
  }

  function showCovers() {
    el("album-title").dataset.shown = "";
    el("album").hidden = true;
    el("photo").hidden = true;
    el("albums").hidden = false;
  }

  function route() {
    var match = /^#album-(\d+)(?:\/photo-(\d+))?$/.exec(window.location.hash);
    el("photo").hidden = true;
    if (!match) { showCovers(); return; }
    var albumIndex = parseInt(match[1], 10);
    if (el("album-title").dataset.shown !== match[1]) {
      showAlbum(albumIndex);
      el("album-title").dataset.shown = match[1];
      window.scrollTo(0, 0);
    }
    if (match[2] !== undefined) showPhoto(albumIndex, parseInt(match[2], 10));
  }

  document.addEventListener("keydown", function (event) {
    if (el("photo").hidden) return;
    var target = { ArrowLeft: "previous", ArrowRight: "next", Escape: "close" }[event.key];
    if (target && !el(target).hidden) window.location.hash = el(target).getAttribute("href");
  });
  el("previous").title = text.previous || "";
  el("next").title = text.next || "";
  window.addEventListener("hashchange", route);
  route();
})();
