// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "GPhotoCamera.h"

#include "UsbLog.h"

#include <gphoto2/gphoto2.h>

#include <cstdlib>
#include <fcntl.h>
#include <mutex>
#include <unistd.h>

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/lsan_interface.h>
#define KEEPSAKE_LSAN 1
#endif

namespace Keepsake {

namespace {

void gphotoLog(GPLogLevel level, const char *domain, const char *text, void *)
{
    const QString line = QString::fromUtf8(domain) + QStringLiteral(": ") + QString::fromUtf8(text).trimmed();
    // libgphoto2 says "error" of what a driver merely does not support: not a warning of ours.
    if (level == GP_LOG_ERROR)
        qCInfo(lcUsb).noquote() << "libgphoto2" << line;
    else
        qCDebug(lcUsb).noquote() << "libgphoto2" << line;
}

void contextError(GPContext *, const char *text, void *)
{
    qCInfo(lcUsb).noquote() << "libgphoto2:" << QString::fromUtf8(text).trimmed();
}

GPContextFeedback cancelFeedback(GPContext *, void *token)
{
    return static_cast<const CancelToken *>(token)->isCancelled() ? GP_CONTEXT_FEEDBACK_CANCEL
                                                                   : GP_CONTEXT_FEEDBACK_OK;
}

// Loading drivers and port libraries (libltdl) and libgphoto2's lists of them: one
// thread at a time, process-wide (see the class comment). Nothing else waits here.
std::mutex &libraryDoor()
{
    static std::mutex door;
    return door;
}

// Held while libgphoto2 loads its drivers and port libraries. In 2.5.30 the port
// libraries' list functions lose a few bytes at each load (usb1's: about 20 KB for an
// autodetect, one lookup per camera model it knows), and unload before the process
// ends, so LeakSanitizer sees only an unnamed module it cannot suppress: in a
// sanitizer build, what is allocated while the door is held is not tracked. The
// watcher runs autodetect only when the USB bus changed because of that cost.
class LibraryLoading
{
public:
    LibraryLoading() : m_door(libraryDoor())
    {
#ifdef KEEPSAKE_LSAN
        __lsan_disable();
#endif
    }
    ~LibraryLoading()
    {
#ifdef KEEPSAKE_LSAN
        __lsan_enable();
#endif
    }
    LibraryLoading(const LibraryLoading &) = delete;
    LibraryLoading &operator=(const LibraryLoading &) = delete;

private:
    std::lock_guard<std::mutex> m_door;
};

void setUpOnce()
{
    static std::once_flag once;
    std::call_once(once, [] {
        gp_log_add_func(lcUsb().isDebugEnabled() ? GP_LOG_DEBUG : GP_LOG_ERROR, &gphotoLog, nullptr);
    });
}

struct ListFree { void operator()(CameraList *list) const { gp_list_free(list); } };
struct AbilitiesFree { void operator()(CameraAbilitiesList *list) const { gp_abilities_list_free(list); } };
struct PortsFree { void operator()(GPPortInfoList *list) const { gp_port_info_list_free(list); } };
struct ContextUnref { void operator()(GPContext *context) const { gp_context_unref(context); } };
using ListPtr = std::unique_ptr<CameraList, ListFree>;
using ContextPtr = std::unique_ptr<GPContext, ContextUnref>;

ListPtr newList()
{
    CameraList *list = nullptr;
    gp_list_new(&list);
    return ListPtr(list);
}

QStringList names(CameraList *list)
{
    QStringList result;
    for (int i = 0; i < gp_list_count(list); ++i) {
        const char *name = nullptr;
        if (gp_list_get_name(list, i, &name) >= GP_OK && name)
            result.append(QString::fromUtf8(name));
    }
    return result;
}

QByteArray utf8(const QString &text)
{
    return text.toUtf8();
}

// What a result code means for the person at the kiosk or counter, and what to do.
QString advice(int code)
{
    switch (code) {
    case GP_ERROR_IO_USB_CLAIM:
    case GP_ERROR_IO_LOCK:
    case GP_ERROR_CAMERA_BUSY:
        return GPhotoCamera::tr("another program is using the camera (a photo manager, or the desktop's file "
                                "browser): close it, then unplug the camera and plug it in again");
    case GP_ERROR_IO:
    case GP_ERROR_IO_READ:
    case GP_ERROR_IO_WRITE:
    case GP_ERROR_IO_INIT:
    case GP_ERROR_IO_UPDATE:
    case GP_ERROR_IO_USB_FIND:
    case GP_ERROR_IO_USB_CLEAR_HALT:
    case GP_ERROR_TIMEOUT:
        return GPhotoCamera::tr("the camera does not answer: it may have been unplugged, switched off or gone to "
                                "sleep. Plug it in, wake it (unlock a phone) and try again");
    case GP_ERROR_CAMERA_ERROR:
    case GP_ERROR_OS_FAILURE:
        return GPhotoCamera::tr("the camera refused: a phone shows its photos only while it is unlocked and "
                                "allows this computer in (\"Trust\" on an iPhone; \"File transfer\" or \"PTP\" on "
                                "Android). Unlock it, allow access, then unplug it and plug it in again");
    case GP_ERROR_FILE_NOT_FOUND:
    case GP_ERROR_DIRECTORY_NOT_FOUND:
        return GPhotoCamera::tr("it is not on the camera (any more)");
    case GP_ERROR_CORRUPTED_DATA:
        return GPhotoCamera::tr("the camera sent damaged data: try again");
    case GP_ERROR_MODEL_NOT_FOUND:
    case GP_ERROR_UNKNOWN_PORT:
    case GP_ERROR_BAD_PARAMETERS:
        return GPhotoCamera::tr("no such camera model or port (`keepsakectl usb` lists the cameras connected now)");
    case GP_ERROR_NO_MEMORY:
        return GPhotoCamera::tr("this computer ran out of memory");
    case GP_ERROR_CANCEL:
        return GPhotoCamera::tr("stopped");
    default:
        return GPhotoCamera::tr("libgphoto2 could not do it; unplug the camera, plug it in again and try again");
    }
}

// An error of the connection rather than of one file.
bool lostConnection(int code)
{
    switch (code) {
    case GP_ERROR_IO:
    case GP_ERROR_IO_READ:
    case GP_ERROR_IO_WRITE:
    case GP_ERROR_IO_INIT:
    case GP_ERROR_IO_UPDATE:
    case GP_ERROR_IO_USB_FIND:
    case GP_ERROR_IO_USB_CLEAR_HALT:
    case GP_ERROR_TIMEOUT:
        return true;
    default:
        return false;
    }
}

Error::Kind kindOf(int code)
{
    switch (code) {
    case GP_ERROR_CANCEL: return Error::Kind::Cancelled;
    case GP_ERROR_MODEL_NOT_FOUND:
    case GP_ERROR_UNKNOWN_PORT:
    case GP_ERROR_BAD_PARAMETERS: return Error::Kind::Usage;
    case GP_ERROR_FILE_NOT_FOUND:
    case GP_ERROR_DIRECTORY_NOT_FOUND: return Error::Kind::NotFound;
    case GP_ERROR_IO_USB_CLAIM:
    case GP_ERROR_IO_LOCK:
    case GP_ERROR_CAMERA_BUSY:
    case GP_ERROR_CAMERA_ERROR:
    case GP_ERROR_OS_FAILURE: return Error::Kind::Refused;
    default: return Error::Kind::Failure;
    }
}

} // namespace

struct GPhotoCamera::Private
{
    Private(UsbCamera id, const CancelToken &token) : camera(std::move(id)), cancel(token)
    {
        context.reset(gp_context_new());
        gp_context_set_cancel_func(context.get(), &cancelFeedback, const_cast<CancelToken *>(&cancel));
        gp_context_set_error_func(context.get(), &contextError, nullptr);
    }
    ~Private()
    {
        if (!handle)
            return;
        const LibraryLoading loading;   // closing unloads its driver
        gp_camera_exit(handle, context.get());
        gp_camera_unref(handle);
    }

    Status init();

    UsbCamera camera;
    const CancelToken &cancel;
    ContextPtr context;
    Camera *handle = nullptr;
    int lastDownload = GP_OK;   // the result of the last download, for probe()
};

Status GPhotoCamera::Private::init()
{
    const QString opening = GPhotoCamera::tr("%1 cannot be opened").arg(camera.label());
    CameraAbilitiesList *abilitiesList = nullptr;
    gp_abilities_list_new(&abilitiesList);
    const std::unique_ptr<CameraAbilitiesList, AbilitiesFree> abilities(abilitiesList);
    if (int code = gp_abilities_list_load(abilities.get(), context.get()); code < GP_OK)
        return error(code, opening);
    const int model = gp_abilities_list_lookup_model(abilities.get(), utf8(camera.model).constData());
    if (model < GP_OK)
        return error(model, opening);
    CameraAbilities driver;
    gp_abilities_list_get_abilities(abilities.get(), model, &driver);

    GPPortInfoList *portList = nullptr;
    gp_port_info_list_new(&portList);
    const std::unique_ptr<GPPortInfoList, PortsFree> ports(portList);
    if (int code = gp_port_info_list_load(ports.get()); code < GP_OK)
        return error(code, opening);
    const int port = gp_port_info_list_lookup_path(ports.get(), utf8(camera.port).constData());
    if (port < GP_OK)
        return error(GP_ERROR_UNKNOWN_PORT, opening);
    GPPortInfo portInfo;
    gp_port_info_list_get_info(ports.get(), port, &portInfo);

    if (int code = gp_camera_new(&handle); code < GP_OK)
        return error(code, opening);
    gp_camera_set_abilities(handle, driver);
    gp_camera_set_port_info(handle, portInfo);
    if (int code = gp_camera_init(handle, context.get()); code < GP_OK)
        return error(code, opening);
    return Status::success();
}

GPhotoCamera::GPhotoCamera(std::unique_ptr<Private> p) : d(std::move(p)) { }

GPhotoCamera::~GPhotoCamera() = default;

Result<std::unique_ptr<GPhotoCamera>> GPhotoCamera::open(const UsbCamera &camera, const CancelToken &cancel)
{
    setUpOnce();
    auto p = std::make_unique<Private>(camera, cancel);
    {
        const LibraryLoading loading;
        if (Status opened = p->init(); !opened)
            return opened.error();
    }
    qCDebug(lcUsb) << "Opened" << camera.label();
    return std::unique_ptr<GPhotoCamera>(new GPhotoCamera(std::move(p)));
}

Result<QList<UsbCamera>> GPhotoCamera::autodetect()
{
    setUpOnce();
    const ContextPtr context(gp_context_new());
    gp_context_set_error_func(context.get(), &contextError, nullptr);
    const ListPtr list = newList();
    {
        const LibraryLoading loading;
        if (int code = gp_camera_autodetect(list.get(), context.get()); code < GP_OK)
            return error(code, tr("The cameras on USB cannot be listed"));
    }
    QList<UsbCamera> cameras;
    for (int i = 0; i < gp_list_count(list.get()); ++i) {
        const char *model = nullptr;
        const char *port = nullptr;
        gp_list_get_name(list.get(), i, &model);
        gp_list_get_value(list.get(), i, &port);
        if (model && port)
            cameras.append({ QString::fromUtf8(model), QString::fromUtf8(port) });
    }
    return cameras;
}

Result<QStringList> GPhotoCamera::folders(const QString &folder)
{
    const ListPtr list = newList();
    if (int code = gp_camera_folder_list_folders(d->handle, utf8(folder).constData(), list.get(), d->context.get());
        code < GP_OK)
        return error(code, tr("The folder %1 of %2 cannot be listed").arg(folder, d->camera.label()));
    return names(list.get());
}

Result<QList<CameraFileEntry>> GPhotoCamera::files(const QString &folder)
{
    const ListPtr list = newList();
    const QByteArray path = utf8(folder);
    if (int code = gp_camera_folder_list_files(d->handle, path.constData(), list.get(), d->context.get()); code < GP_OK)
        return error(code, tr("The files in %1 of %2 cannot be listed").arg(folder, d->camera.label()));
    QList<CameraFileEntry> entries;
    for (const QString &name : names(list.get())) {
        CameraFileEntry entry { folder, name, -1, {} };
        CameraFileInfo info;
        // Without its size and time the file is still copied: the copy measures it.
        if (gp_camera_file_get_info(d->handle, path.constData(), utf8(name).constData(), &info, d->context.get()) >= GP_OK) {
            if (info.file.fields & GP_FILE_INFO_SIZE)
                entry.size = qint64(info.file.size);
            if ((info.file.fields & GP_FILE_INFO_MTIME) && info.file.mtime > 0)
                entry.modified = QDateTime::fromSecsSinceEpoch(qint64(info.file.mtime), Qt::UTC);
        }
        entries.append(entry);
    }
    return entries;
}

Status GPhotoCamera::download(const CameraFileEntry &entry, int fd)
{
    // libgphoto2 writes to the descriptor as the data arrives, and closes it when the
    // CameraFile is freed: it gets a copy of its own.
    const int own = ::fcntl(fd, F_DUPFD_CLOEXEC, 0);
    if (own < 0)
        return Error::failure(tr("%1 cannot be copied: no file descriptor is left.").arg(entry.relativePath()));
    CameraFile *file = nullptr;
    if (int code = gp_file_new_from_fd(&file, own); code < GP_OK) {
        ::close(own);
        return error(code, tr("%1 cannot be copied from %2").arg(entry.relativePath(), d->camera.label()));
    }
    const int code = gp_camera_file_get(d->handle, utf8(entry.folder).constData(), utf8(entry.name).constData(),
                                        GP_FILE_TYPE_NORMAL, file, d->context.get());
    gp_file_free(file);
    d->lastDownload = code;
    if (code < GP_OK)
        return error(code, tr("%1 could not be copied from %2").arg(entry.relativePath(), d->camera.label()));
    return Status::success();
}

// Asks the camera for its storage: a question that goes to the camera every time
// (listings and file information come from libgphoto2's cache). A driver that has no
// answer to it (or the Directory Browse driver, whose folder is gone) leaves the
// failed download's code to decide: a connection's error means the camera went.
Status GPhotoCamera::probe(const CameraFileEntry &failed)
{
    CameraStorageInformation *storages = nullptr;
    int count = 0;
    int code = gp_camera_get_storageinfo(d->handle, &storages, &count, d->context.get());
    std::free(storages);
    if (code == GP_ERROR_NOT_SUPPORTED && !lostConnection(d->lastDownload))
        code = GP_OK;
    else if (code == GP_ERROR_NOT_SUPPORTED)
        code = d->lastDownload;
    qCDebug(lcUsb) << "After" << failed.relativePath() << "failed, the camera answers:" << code;
    if (code >= GP_OK)
        return Status::success();
    return Error(kindOf(code) == Error::Kind::Cancelled ? Error::Kind::Cancelled : Error::Kind::Failure,
                 tr("%1 no longer answers: it may have been unplugged, switched off or gone to sleep. Plug it in, "
                    "wake it (unlock a phone) and hand it in again: what was stored is recognised (libgphoto2: %2).")
                     .arg(d->camera.label(), QString::fromUtf8(gp_result_as_string(code))));
}

Error GPhotoCamera::error(int code, const QString &what)
{
    return Error(kindOf(code), tr("%1: %2 (libgphoto2: %3).")
                                   .arg(what, advice(code), QString::fromUtf8(gp_result_as_string(code))));
}

} // namespace Keepsake
