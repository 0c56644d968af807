// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace Keepsake {

class DeviceServer;
class HandinReception;
class Lab;
class StationRunner;
class ThumbnailMaker;
struct PhotoRecord;
struct ServiceCaller;
struct ServiceReply;

// The device service's routes, by concern: each registers its paths below /v1/ with
// the access they need, and calls core's operations with the caller's actor.
namespace ServiceRoutes {

// POST handins, POST handins/{id}/offers, PUT handins/{id}/files, POST
// handins/{id}/finish, GET handins/{id}, POST handins/{id}/cancel.
void addHandins(DeviceServer &server, HandinReception &reception);
// GET customers/{code}/albums, GET albums/{id}/photos, POST sessions, DELETE
// sessions, GET queue, GET status.
void addLab(DeviceServer &server, const Lab &lab);
// A kiosk's signed-in customer (AlbumRoutes.cpp): GET lab, POST registrations, GET
// customers/{code}/view and /notices, POST albums/{id}/title, /photos (move into),
// /cover, /selection, /shares, /views (the customer opened it: {"album", "counted",
// "moved", "expires", "state"}), GET albums/{id}/selection, POST photos/{id}/caption
// {"caption"}, GET handins/{id}/receipt (the hand-in's receipt as a PDF, for the
// kiosk's own printer), POST notices/{id}/read, GET photos/{id}/thumbnail (202
// {"pending": true} while `thumbnails` makes or fetches it).
void addAlbums(DeviceServer &server, const Lab &lab, ThumbnailMaker &thumbnails);
// A photo's grid thumbnail for someone who may see it: the file, or 202 {"pending":
// true} while `thumbnails` makes it or fetches it from the device that keeps the photo.
ServiceReply photoThumbnail(const Lab &lab, ThumbnailMaker &thumbnails, const PhotoRecord &photo);
// The chain's devices among themselves: PUT files/{sha256} (a forwarded photo's
// bytes, in pieces), GET files/{sha256} (a piece of a file this device holds), GET
// thumbnails/{sha256}?size=grid|print (the thumbnail of a file this device keeps;
// 202 {"pending": true} while it is being made). Each file received whole gets its
// thumbnails from `thumbnails`. These are for devices only; terminals ask for
// photos/{id}/thumbnail, which fetches from the device keeping the photo when needed.
void addFiles(DeviceServer &server, const Lab &lab, ThumbnailMaker &thumbnails);
// The burn station (StationRoutes.cpp): GET station/drives, POST station/jobs (a device
// of the chain asks for a recording), GET station/jobs, GET station/jobs/{id} (with the
// verified disc's report for devices), POST station/jobs/{id}/cancel, POST
// station/jobs/{id}/reject (the requester found the report wrong).
void addStation(DeviceServer &server, const Lab &lab, StationRunner &runner);

// Phones' hand-in for a kiosk's signed-in customer (UploadRoutes.cpp): POST uploads
// {"customer": CODE} makes an upload address {"id", "url", ...}; GET uploads/{id} says
// how it goes (PhoneAddresses::toJson).
void addUploads(DeviceServer &server, const Lab &lab);

// Whose open hand-in a request may go on with: the same terminal (and customer), or
// the same device.
QString ownerKey(const ServiceCaller &caller);

} // namespace ServiceRoutes

} // namespace Keepsake
