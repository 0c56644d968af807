// Keepsake disc viewer: opens on the album covers; an album shows its thumbnails, a
// thumbnail its photo. Plain JavaScript, no network; data from albums.js.
(function () {
  "use strict";
  var albums = window.KEEPSAKE_ALBUMS || [];
  function el(id) { return document.getElementById(id); }
  function url(path) { return path.split("/").map(encodeURIComponent).join("/"); }

  function showPhoto(photo) {
    el("photo-img").src = url(photo.view || photo.path);
    el("photo-img").alt = photo.name;
    el("photo-caption").textContent = [photo.name, photo.taken, photo.caption].filter(Boolean).join(" · ");
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
    album.photos.forEach(function (photo) {
      var img = document.createElement("img");
      img.src = url(photo.thumb || photo.view || photo.path);
      img.alt = photo.name;
      img.title = photo.caption || photo.name;
      img.addEventListener("click", function () { showPhoto(photo); });
      thumbs.appendChild(img);
    });
    window.scrollTo(0, 0);
  }

  function showCovers() {
    el("album").hidden = true;
    el("photo").hidden = true;
    el("albums").hidden = false;
  }

  function route() {
    var match = /^#album-(\d+)$/.exec(window.location.hash);
    el("photo").hidden = true;
    if (match) showAlbum(parseInt(match[1], 10)); else showCovers();
  }

  el("close").addEventListener("click", function (event) { event.preventDefault(); el("photo").hidden = true; });
  window.addEventListener("hashchange", route);
  route();
})();
