// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "AlbumZip.h"

#include "NetLog.h"
#include "lab/Lab.h"
#include "store/BlobStore.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QSet>
#include <QTcpSocket>

#include <archive.h>
#include <archive_entry.h>

#include <memory>

namespace Keepsake::AlbumZip {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::AlbumZip)
};

constexpr qint64 PieceBytes = 256 << 10;

struct Member
{
    QString name;       // inside the zip
    QString path;       // on disk; empty: `text` is the member
    QByteArray text;
    qint64 size = 0;
    QDateTime modified;
};

// One zip being written: members in order, libarchive writing into `out`.
class ZipStream
{
public:
    explicit ZipStream(QList<Member> members) : m_members(std::move(members))
    {
        m_archive = archive_write_new();
        archive_write_set_format_zip(m_archive);
        archive_write_set_options(m_archive, "zip:compression=store");
        archive_write_set_bytes_per_block(m_archive, 0);
        archive_write_open2(m_archive, this, nullptr, &ZipStream::written, nullptr, nullptr);
    }
    ~ZipStream() { archive_write_free(m_archive); }
    ZipStream(const ZipStream &) = delete;
    ZipStream &operator=(const ZipStream &) = delete;

    // The next bytes of the zip; empty at its end.
    Result<QByteArray> next()
    {
        while (m_out.isEmpty() && !m_closed) {
            if (Status step = this->step(); !step)
                return step.error();
        }
        return std::exchange(m_out, QByteArray());
    }

private:
    static la_ssize_t written(struct archive *, void *self, const void *buffer, size_t length)
    {
        static_cast<ZipStream *>(self)->m_out.append(static_cast<const char *>(buffer), qsizetype(length));
        return la_ssize_t(length);
    }

    Status fail(const QString &what) const
    {
        return Error::failure(Tr::tr("The album's zip broke off at %1: %2").arg(what, QString::fromUtf8(archive_error_string(m_archive))));
    }

    Status step()
    {
        if (m_file) {
            const QByteArray piece = m_file->read(PieceBytes);
            if (!piece.isEmpty() && archive_write_data(m_archive, piece.constData(), size_t(piece.size())) < 0)
                return fail(m_file->fileName());
            if (piece.isEmpty() || m_file->atEnd()) {
                m_file.reset();
                archive_write_finish_entry(m_archive);
            }
            return Status::success();
        }
        if (m_next == m_members.size()) {
            if (archive_write_close(m_archive) != ARCHIVE_OK)
                return fail(QStringLiteral("end"));
            m_closed = true;
            return Status::success();
        }
        return begin(m_members.at(m_next++));
    }

    Status begin(const Member &member)
    {
        std::unique_ptr<archive_entry, decltype(&archive_entry_free)> entry(archive_entry_new(), &archive_entry_free);
        const QByteArray name = member.name.toUtf8();
        archive_entry_set_pathname_utf8(entry.get(), name.constData());
        archive_entry_set_filetype(entry.get(), AE_IFREG);
        archive_entry_set_perm(entry.get(), 0644);
        archive_entry_set_size(entry.get(), member.size);
        archive_entry_set_mtime(entry.get(), member.modified.toSecsSinceEpoch(), 0);
        if (archive_write_header(m_archive, entry.get()) != ARCHIVE_OK)
            return fail(member.name);
        if (member.path.isEmpty()) {
            if (archive_write_data(m_archive, member.text.constData(), size_t(member.text.size())) < 0)
                return fail(member.name);
            archive_write_finish_entry(m_archive);
            return Status::success();
        }
        m_file = std::make_unique<QFile>(member.path);
        if (!m_file->open(QIODevice::ReadOnly))
            return Error::failure(Tr::tr("%1 cannot be read for the album's zip: %2").arg(member.name, m_file->errorString()));
        return Status::success();
    }

    QList<Member> m_members;
    qsizetype m_next = 0;
    struct archive *m_archive = nullptr;
    std::unique_ptr<QFile> m_file;
    QByteArray m_out;
    bool m_closed = false;
};

// "IMG_0001.JPG", then "IMG_0001 (2).JPG" for a second photo of that name.
QString uniqueName(const QString &name, QSet<QString> &taken)
{
    QString candidate = name.isEmpty() ? QStringLiteral("photo") : QFileInfo(name).fileName();
    const QFileInfo info(candidate);
    for (int n = 2; taken.contains(candidate.toLower()); ++n) {
        candidate = info.suffix().isEmpty() ? QStringLiteral("%1 (%2)").arg(info.completeBaseName()).arg(n)
                                            : QStringLiteral("%1 (%2).%3").arg(info.completeBaseName()).arg(n).arg(info.suffix());
    }
    taken.insert(candidate.toLower());
    return candidate;
}

QList<Member> members(const Lab &lab, const QList<PhotoRecord> &photos)
{
    QList<Member> list;
    QSet<QString> taken;
    QStringList elsewhere;
    for (const PhotoRecord &photo : photos) {
        if (!lab.store().contains(photo.sha256)) {
            elsewhere.append(Tr::tr("%1 (kept on %2)").arg(photo.name, photo.device));
            continue;
        }
        const QString path = lab.store().pathFor(photo.sha256);
        const QFileInfo info(path);
        list.append({ uniqueName(photo.name, taken), path, {}, info.size(), info.lastModified() });
    }
    if (!elsewhere.isEmpty()) {
        const QByteArray text = (Tr::tr("These photos of the album are kept at another store of the lab and are not in "
                                        "this download; ask the lab for them:") + QLatin1Char('\n')
                                 + elsewhere.join(QLatin1Char('\n')) + QLatin1Char('\n')).toUtf8();
        list.append({ uniqueName(Tr::tr("not-included.txt"), taken), {}, text, text.size(), QDateTime::currentDateTimeUtc() });
    }
    return list;
}

} // namespace

WebReply reply(const Lab &lab, const AlbumSummary &album, const QList<PhotoRecord> &photos)
{
    auto zip = std::make_shared<ZipStream>(members(lab, photos));
    WebReply reply;
    reply.mimeType = "application/zip";
    reply.downloadName = (album.title.isEmpty() ? QStringLiteral("album-%1").arg(album.id) : album.title) + QStringLiteral(".zip");
    // The zip's length is known only at its end: the connection closes there.
    reply.headers.emplaceBack("Connection", "close");
    reply.stream = [zip](QHttpServerResponder &responder, QTcpSocket *socket) {
        responder.writeBody(QByteArray());
        BodyPump::start(socket, [zip] { return zip->next(); }, true);
    };
    qCInfo(lcNet) << "Album" << album.id << "goes out as a zip of" << photos.size() << "photos";
    return reply;
}

} // namespace Keepsake::AlbumZip
