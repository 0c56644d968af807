// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace Keepsake {

class HandinReception;
class NoticeStreams;
class PhoneHandins;
class ThumbnailMaker;
class WebFront;

// The customers' web page's API (below /web/v1/), by concern; each handler calls core's
// operations with the signed-in person's actor.
namespace WebRoutes {

// GET strings, POST session (code and PIN), DELETE session, GET me.
void addSession(WebFront &front);
// GET albums, GET albums/{id}/photos, GET photos/{id}/thumbnail, GET photos/{id}/original,
// GET albums/{id}/download (a zip, streamed), GET notices, POST notices/{id}/read.
void addAlbums(WebFront &front, ThumbnailMaker &thumbnails);
// GET events: the person's notices as they come (server-sent events).
void addEvents(WebFront &front, NoticeStreams &streams);
// The phone's hand-in by its upload address: GET uploads/{token}, POST
// uploads/{token}/offers, PUT uploads/{token}/files, POST uploads/{token}/finish.
void addUploads(WebFront &front, PhoneHandins &handins);

} // namespace WebRoutes

} // namespace Keepsake
