// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "bench-gui-catalog.h"

#include "base/Actor.h"
#include "catalog/Catalog.h"
#include "catalog/CustomerAlbums.h"
#include "catalog/Customers.h"
#include "metadata/Thumbnailer.h"

#include <QBuffer>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QPainter>
#include <QProcess>

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace Keepsake;

namespace BenchGui {

Result<std::unique_ptr<Lab>> openLab(const QString &folder, const Clock &clock)
{
    return Lab::open({ folder, QStringLiteral("sqlite:") + folder + QStringLiteral("/catalog.sqlite") }, clock);
}

namespace {

QByteArray thumbnailJpeg(int index)
{
    QImage image(Thumbnailer::GridEdge, Thumbnailer::GridEdge * 3 / 4, QImage::Format_RGB32);
    QPainter painter(&image);
    QLinearGradient gradient(0, 0, image.width(), image.height());
    gradient.setColorAt(0, QColor::fromHsv((index * 37) % 360, 160, 220));
    gradient.setColorAt(1, QColor::fromHsv((index * 91) % 360, 200, 90));
    painter.fillRect(image.rect(), gradient);
    painter.setPen(Qt::white);
    painter.drawText(image.rect(), Qt::AlignCenter, QString::number(index));
    painter.end();
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "JPEG", 85);
    return bytes;
}

} // namespace

Result<QList<PhotoRecord>> customerPhotos(const Lab &lab)
{
    const Result<Customer> customer = Customers(lab.catalog()).byCode(BigCode);
    if (!customer)
        return customer.error();
    Result<CustomerAlbumsView> view = CustomerAlbums(lab.catalog()).read(Actor::system(QStringLiteral("bench")),
                                                                        customer->id, true);
    if (!view)
        return view.error();
    return view->photos;
}

namespace {

Status writeThumbnails(const Lab &lab, const QList<PhotoRecord> &photos)
{
    for (qsizetype i = 0; i < photos.size(); ++i) {
        const QString path = lab.thumbnails().path(photos[i].sha256, Thumbnailer::Size::Grid);
        QDir().mkpath(QFileInfo(path).path());
        QFile file(path);
        const QByteArray jpeg = thumbnailJpeg(int(i));
        if (!file.open(QIODevice::WriteOnly) || file.write(jpeg) != jpeg.size())
            return Error::failure(QStringLiteral("Cannot write the thumbnail %1: %2").arg(path, file.errorString()));
    }
    return Status::success();
}

// Schema by Lab::open, rows by the expiry benchmark's generator, thumbnails here.
Status generate(const Options &o, const QString &folder, const Clock &clock)
{
    {
        auto lab = openLab(folder, clock);
        if (!lab)
            return lab.error();
    }
    const int others = o.catalogPhotos - o.photos;
    const QStringList args { o.generator, folder + QStringLiteral("/catalog.sqlite"),
                             QStringLiteral("--day"), QDate::currentDate().toString(Qt::ISODate),
                             QStringLiteral("--customers"), QString::number(o.customers),
                             QStringLiteral("--albums"), QString::number(std::max(1, others / 10)),
                             QStringLiteral("--photos"), QString::number(others),
                             QStringLiteral("--big"), QStringLiteral("%1:%2:%3").arg(BigCode).arg(o.photos).arg(o.albums) };
    QProcess python;
    python.setProcessChannelMode(QProcess::ForwardedChannels);
    python.start(QStringLiteral("python3"), args);
    if (!python.waitForFinished(-1) || python.exitStatus() != QProcess::NormalExit || python.exitCode() != 0)
        return Error::failure(QStringLiteral("python3 %1 failed").arg(args.join(QLatin1Char(' '))));
    auto lab = openLab(folder, clock);
    if (!lab)
        return lab.error();
    const Result<QList<PhotoRecord>> photos = customerPhotos(**lab);
    if (!photos)
        return photos.error();
    if (Status s = writeThumbnails(**lab, *photos); !s)
        return s;
    ::sync();   // clean pages: only those can be dropped before a run
    return Status::success();
}

} // namespace

// The cache folder, made when missing or made for another thumbnail layout ("ready"
// holds where a grid thumbnail goes: a moved cache would leave every one missing).
Status prepare(const Options &o, const Clock &clock)
{
    const auto layout = [&o](const Lab &lab) {
        return QDir(o.cache).relativeFilePath(lab.thumbnails().path(QString(64, QLatin1Char('0')),
                                                                    Thumbnailer::Size::Grid)).toUtf8();
    };
    QFile ready(o.cache + QStringLiteral("/ready"));
    const QByteArray madeWith = ready.open(QIODevice::ReadOnly) ? ready.readAll() : QByteArray();
    ready.close();
    if (!madeWith.isEmpty()) {
        auto lab = openLab(o.cache, clock);
        if (lab && layout(**lab) == madeWith)
            return Status::success();
    }
    QDir(o.cache).removeRecursively();
    const QString made = o.cache + QStringLiteral(".gen");
    QDir(made).removeRecursively();
    QElapsedTimer timer;
    timer.start();
    std::printf("generating the catalog in %s ...\n", qPrintable(o.cache));
    std::fflush(stdout);
    if (Status s = generate(o, made, clock); !s)
        return s;
    if (!QDir().rename(made, o.cache))
        return Error::failure(QStringLiteral("Cannot move %1 to %2").arg(made, o.cache));
    auto lab = openLab(o.cache, clock);
    if (!lab)
        return lab.error();
    if (!ready.open(QIODevice::WriteOnly) || ready.write(layout(**lab)) < 0)
        return Error::failure(QStringLiteral("Cannot write %1").arg(ready.fileName()));
    std::printf("generated in %.0f s\n", timer.elapsed() / 1000.0);
    return Status::success();
}

Residency dropFromPageCache(const QStringList &files)
{
    Residency r;
    const long page = sysconf(_SC_PAGESIZE);
    for (const QString &path : files) {
        const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
        if (fd < 0)
            continue;
        ::fdatasync(fd);
        ::posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
        const off_t size = ::lseek(fd, 0, SEEK_END);
        if (size > 0) {
            void *map = ::mmap(nullptr, size_t(size), PROT_READ, MAP_SHARED, fd, 0);
            if (map != MAP_FAILED) {
                std::vector<unsigned char> pages(size_t((size + page - 1) / page));
                if (::mincore(map, size_t(size), pages.data()) == 0)
                    r.resident += page * std::count_if(pages.begin(), pages.end(), [](unsigned char c) { return c & 1; });
                ::munmap(map, size_t(size));
            }
            r.total += size;
        }
        ::close(fd);
    }
    return r;
}

} // namespace BenchGui
