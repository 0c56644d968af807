// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "CameraFiles.h"
#include "UsbCamera.h"
#include "base/CancelToken.h"

#include <QCoreApplication>

#include <memory>

namespace Keepsake {

// The one door to libgphoto2: every call into it is made here, its result codes
// become Errors that say what happened and what to do (with gp_result_as_string's
// words), and its log goes to keepsake.core.usb (debug level only when that
// category's debug output is on: libgphoto2's debug log is costly).
//
// libgphoto2 is not thread-safe per camera: an opened camera is used by one thread
// (the one job that copies from it). Loading its drivers and port libraries
// (autodetect, opening and closing a camera) goes through libltdl and process-wide
// lists, so those steps are taken one thread at a time for the whole process.
class GPhotoCamera final : public CameraFiles
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::GPhotoCamera)

public:
    // Opens the camera: its driver by model, its port, the connection. `cancel` must
    // outlive the camera: a transfer in flight stops when it is set.
    static Result<std::unique_ptr<GPhotoCamera>> open(const UsbCamera &camera, const CancelToken &cancel);
    // Every camera libgphoto2 finds, on every port (disk: volumes included).
    static Result<QList<UsbCamera>> autodetect();
    ~GPhotoCamera() override;

    Result<QStringList> folders(const QString &folder) override;
    Result<QList<CameraFileEntry>> files(const QString &folder) override;
    Status download(const CameraFileEntry &entry, int fd) override;
    Status probe(const CameraFileEntry &failed) override;

    // libgphoto2's result code as an Error: "<what>: <what happened and what to do>
    // (libgphoto2: <its words>)".
    static Error error(int code, const QString &what);

private:
    struct Private;
    explicit GPhotoCamera(std::unique_ptr<Private> d);

    std::unique_ptr<Private> d;
};

} // namespace Keepsake
