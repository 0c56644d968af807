// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "FileInspector.h"

#include "IngestLog.h"
#include "metadata/MetadataReader.h"
#include "metadata/Thumbnailer.h"
#include "store/Sha256.h"

#include <QCoreApplication>
#include <QFile>

namespace Keepsake {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Keepsake::FileInspector", text);
}

// Photos larger than this are refused before they are read into memory.
constexpr qint64 MaxPhotoBytes = qint64(2) << 30;

} // namespace

FileInspector::FileInspector(const CustomerIndex &index, const MetadataReader &metadata,
                             const ImageDecoder &decoder, const Thumbnailer *thumbnails, bool verifyFull,
                             bool again)
    : m_index(index), m_metadata(metadata), m_decoder(decoder), m_thumbnails(thumbnails),
      m_verifyFull(verifyFull), m_again(again)
{
}

InspectedFile FileInspector::inspect(const QString &absolutePath, const QString &relativePath) const
{
    InspectedFile file;
    file.path = relativePath;
    file.absolutePath = absolutePath;
    QFile source(absolutePath);
    if (!source.open(QIODevice::ReadOnly)) {
        file.readError = tr("the file cannot be read (%1)").arg(source.errorString());
        return file;
    }
    file.size = source.size();
    if (file.size == 0) {
        file.readError = tr("the file is empty (0 bytes)");
        return file;
    }
    if (file.size > MaxPhotoBytes) {
        file.readError = tr("the file is too large to be a photo (%1 MB)").arg(file.size >> 20);
        return file;
    }

    QByteArray head = source.read(QuickHash::HeadBytes);
    if (head.isEmpty()) {
        file.readError = tr("the file cannot be read (%1)").arg(source.errorString());
        return file;
    }
    // The camera's metadata sits in the head of most photos: read it once from there.
    Result<PhotoMetadata> headMeta = m_metadata.read(head);
    const bool headHasIdentity = headMeta && headMeta->identity.isUsable();
    if (headHasIdentity && !m_verifyFull && !m_again && recognise(file, *headMeta, head, source))
        return file;
    if (!readWhole(file, std::move(head), source))
        return file;
    examine(file, headHasIdentity ? std::optional<PhotoMetadata>(*headMeta) : std::nullopt);
    return file;
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
    if (!file.quickMatch)
        return false;
    file.metadata = headMeta;
    return true;
}

bool FileInspector::readWhole(InspectedFile &file, QByteArray head, QFile &source) const
{
    file.data = std::move(head);
    if (file.size > file.data.size()) {
        if (!source.seek(file.data.size())) {
            file.readError = tr("the file cannot be read (%1)").arg(source.errorString());
            return false;
        }
        const qsizetype already = file.data.size();
        file.data.resize(file.size);
        const qint64 got = source.read(file.data.data() + already, file.size - already);
        if (got != file.size - already) {
            file.readError = tr("the file cannot be read to its end (%1)").arg(source.errorString());
            file.data.clear();
            return false;
        }
    }
    file.sha256 = Sha256::of(file.data);
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
    // With thumbnails to make, decode at print size once; else only check that a
    // picture is there (the thumbnail job decodes later).
    file.decoded = m_thumbnails ? m_decoder.decode(file.data, Thumbnailer::PrintEdge) : m_decoder.check(file.data);
    if (file.decoded.accepted && m_thumbnails && !m_thumbnails->has(file.sha256)) {
        if (Status status = m_thumbnails->saveFrom(file.sha256, file.decoded, file.metadata.orientation); !status)
            qCWarning(lcIngest) << "No thumbnail for" << file.path << status.error().message();
    }
    file.decoded.picture = QImage();   // not needed any more: keep memory flat
}

} // namespace Keepsake
