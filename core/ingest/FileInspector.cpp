// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "FileInspector.h"

#include "IngestLog.h"
#include "metadata/MetadataReader.h"
#include "metadata/Thumbnailer.h"
#include "store/ContentDigests.h"
#include "store/Sha256.h"

#include <QCoreApplication>
#include <QFile>

#include <algorithm>
#include <cstring>

namespace Keepsake {

namespace {

// This file's context as a class, so that lupdate files Tr::tr() calls under it
// wherever they stand (it files a free function's unqualified call under "Keepsake").
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::FileInspector)
};

// A picture streams in (and through the digests) in pieces of this size: small enough
// that a piece is still in the CPU's cache when the second digest reads it.
constexpr qint64 ChunkBytes = qint64(1) << 20;

} // namespace

FileInspector::FileInspector(const CustomerIndex &index, const MetadataReader &metadata,
                             const ImageDecoder &decoder, FileBytesPool &buffers, bool verifyFull, bool again,
                             const Thumbnailer *thumbnails)
    : m_index(index), m_metadata(metadata), m_decoder(decoder), m_buffers(buffers), m_thumbnails(thumbnails),
      m_verifyFull(verifyFull), m_again(again)
{
}

qint64 FileInspector::bytesHeld(const CardEntry &entry)
{
    if (entry.refused())
        return 0;
    if (entry.size > MaxPictureBytes)
        return QuickHash::HeadBytes;   // refused after its head
    return entry.size;
}

InspectedFile FileInspector::inspect(const CardEntry &entry, const QString &knownSha256) const
{
    InspectedFile file;
    file.path = entry.relativePath;
    file.absolutePath = entry.absolutePath;
    file.size = std::max<qint64>(entry.size, 0);
    QFile source;
    QByteArray head;
    if (!readHead(file, entry, source, head) || refusedByHead(file, head))
        return file;
    // The camera's metadata sits in the head of most photos: read it once from there.
    Result<PhotoMetadata> headMeta = m_metadata.read(head);
    const bool headHasIdentity = headMeta && headMeta->identity.isUsable();
    if (headHasIdentity && !m_verifyFull && !m_again && knownSha256.isEmpty() && recognise(file, *headMeta, head, source))
        return file;
    if (!readWhole(file, std::move(head), source, knownSha256))
        return file;
    examine(file, headHasIdentity ? std::optional<PhotoMetadata>(*headMeta) : std::nullopt);
    return file;
}

InspectedFile FileInspector::inspectArrived(const QString &path, const QByteArray &data, const QString &sha256) const
{
    InspectedFile file;
    file.path = path;
    file.size = data.size();
    const QByteArray head = QByteArray::fromRawData(data.constData(), std::min<qsizetype>(data.size(), QuickHash::HeadBytes));
    if (file.size == 0) {
        file.readError = Tr::tr("the file is empty (0 bytes)");
        return file;
    }
    if (refusedByHead(file, head))
        return file;
    file.sha256 = sha256;
    file.data = data;
    file.quickHash = QuickHash::ofData(data);
    Result<PhotoMetadata> headMeta = m_metadata.read(head);
    const bool headHasIdentity = headMeta && headMeta->identity.isUsable();
    examine(file, headHasIdentity ? std::optional<PhotoMetadata>(*headMeta) : std::nullopt);
    file.data = QByteArray();
    return file;
}

// What the head shows to be no picture (a video, say) is never read whole, nor what is
// too large for a photo.
bool FileInspector::refusedByHead(InspectedFile &file, const QByteArray &head) const
{
    if (std::optional<DecodedImage> refusal = m_decoder.refuseByHead(head, file.size)) {
        file.decoded = std::move(*refusal);
        return true;
    }
    if (file.size > MaxPictureBytes) {
        file.readError = Tr::tr("the file is too large for a photo (%1 MB; Keepsake takes photos up to %2 MB)")
                             .arg(file.size >> 20).arg(MaxPictureBytes >> 20);
        return true;
    }
    return false;
}

// Opens the entry on the card (a link, a FIFO or a device is refused with its reason)
// and reads its first bytes.
bool FileInspector::readHead(InspectedFile &file, const CardEntry &entry, QFile &source, QByteArray &head) const
{
    if (entry.refused()) {
        file.readError = entry.refusal;
        return false;
    }
    if (Status opened = CardWalk::open(entry, source); !opened) {
        file.readError = opened.error().message();
        return false;
    }
    file.size = source.size();
    if (file.size == 0) {
        file.readError = Tr::tr("the file is empty (0 bytes)");
        return false;
    }
    head = source.read(QuickHash::HeadBytes);
    if (head.isEmpty()) {
        file.readError = Tr::tr("the file cannot be read (%1)").arg(source.errorString());
        return false;
    }
    return true;
}

bool FileInspector::recognise(InspectedFile &file, const PhotoMetadata &headMeta, const QByteArray &head,
                              QFile &source) const
{
    // Header shortcut: identity and size match a photo of this customer; head and
    // tail must match it too.
    const QString key = headMeta.identity.key();
    if (!m_index.hasIdentityOfSize(key, file.size))
        return false;
    const qint64 tailSize = std::min(file.size, QuickHash::TailBytes);
    if (!source.seek(file.size - tailSize))
        return false;
    const QByteArray tail = source.read(tailSize);
    file.quickHash = QuickHash::of(file.size, head, tail);
    file.quickMatch = m_index.byQuickHash(key, file.size, file.quickHash);
    if (!file.quickMatch && m_index.hasLegacyQuickHash(key, file.size))   // handed in before issue 14
        file.quickMatch = m_index.byQuickHash(key, file.size, QuickHash::legacyOf(file.size, head, tail));
    if (!file.quickMatch)
        return false;
    file.metadata = headMeta;
    return true;
}

bool FileInspector::readWhole(InspectedFile &file, QByteArray head, QFile &source, const QString &known) const
{
    // The bytes are hashed as they stream in, a piece at a time: the SHA-256 and the
    // MD5 from this one read, into memory the store writes from directly. A file whose
    // SHA-256 was verified as it arrived is only read.
    ContentDigests hash;
    FileBytes bytes = m_buffers.take(file.size);
    qint64 at = std::min<qint64>(head.size(), file.size);
    std::memcpy(bytes.data(), head.constData(), size_t(at));
    if (known.isEmpty())
        hash.add(bytes.constData(), at);
    head.clear();
    if (at < file.size && !source.seek(at)) {
        file.readError = Tr::tr("the file cannot be read (%1)").arg(source.errorString());
        return false;
    }
    while (at < file.size) {
        const qint64 got = source.read(bytes.data() + at, std::min(ChunkBytes, file.size - at));
        if (got <= 0) {
            file.readError = Tr::tr("the file cannot be read to its end (%1)").arg(source.errorString());
            return false;
        }
        if (known.isEmpty())
            hash.add(bytes.constData() + at, got);
        at += got;
    }
    if (known.isEmpty()) {
        const ContentDigests::Hex digests = hash.finish();
        file.sha256 = digests.sha256;
        file.md5 = digests.md5;
    } else {
        file.sha256 = known;
    }
    file.bytes = std::move(bytes);
    file.data = file.bytes.view();
    file.quickHash = QuickHash::ofData(file.data);
    return true;
}

void FileInspector::examine(InspectedFile &file, std::optional<PhotoMetadata> headMeta) const
{
    // An exact copy of something the customer handed in needs no decoding.
    if (!m_again && m_index.bySha(file.sha256))
        return;
    if (headMeta) {
        file.metadata = std::move(*headMeta);
    } else {
        const Result<PhotoMetadata> metadata = m_metadata.read(file.data);
        if (metadata)
            file.metadata = *metadata;
        else
            qCDebug(lcIngest) << file.path << "has no readable metadata:" << metadata.error().message();
    }
    judge(file);
}

// Whether a decoder reads a picture from the file, and what the picture looks like:
// for a JPEG only as much as the card must wait for (PictureHasher). Thumbnails are
// made from the store once the card may be removed, decoding each picture once; where
// the picture was decoded here, they are made from that decode.
void FileInspector::judge(InspectedFile &file) const
{
    PictureHasher::Looked looked = m_hasher.look(file.data, file.metadata);
    file.decoded = std::move(looked.verdict);
    file.pictureHash = looked.hash;
    keepThumbnails(file, looked.rendition);
}

// A picture decoded here is not decoded again for its thumbnails.
void FileInspector::keepThumbnails(const InspectedFile &file, const DecodedImage &decoded) const
{
    if (!m_thumbnails || !decoded.accepted || decoded.picture.isNull())
        return;
    if (Status saved = m_thumbnails->saveFrom(file.sha256, decoded, file.metadata.orientation); !saved)
        qCInfo(lcIngest).noquote() << file.path << "- its thumbnails are left to later:" << saved.error().message();
}

} // namespace Keepsake
