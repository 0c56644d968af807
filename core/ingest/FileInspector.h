// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "CardWalk.h"
#include "CustomerIndex.h"
#include "metadata/ImageDecoder.h"
#include "metadata/PerceptualHash.h"
#include "metadata/PhotoMetadata.h"
#include "metadata/PictureHasher.h"
#include "store/FileBytes.h"

#include <QByteArray>
#include <QFile>
#include <QString>

#include <optional>

namespace Keepsake {

class MetadataReader;
class Thumbnailer;

// One file of a card, looked at before any decision: what it is, its hashes, its
// metadata, and whether a decoder reads a picture from it.
struct InspectedFile
{
    QString path;             // relative to the source folder
    QString absolutePath;
    qint64 size = 0;
    QString readError;        // the file could not be read: why
    std::optional<CustomerIndex::Entry> quickMatch;   // recognised from its head and tail
    QString sha256;           // empty when recognised by quick match
    QString md5;              // from the same read as sha256 (a disc's manifest lists it)
    QString quickHash;
    PhotoMetadata metadata;
    DecodedImage decoded;
    std::optional<PerceptualHash> pictureHash;   // what the picture looks like; none: too little detail
    FileBytes bytes;          // the whole file, to be stored (direct I/O)
    QByteArray data;          // the same bytes, lent (bytes.view())
};

// The work on a file that needs no catalog and may run on several threads at once
// (DESIGN.md, "Recognising a card again"): open it without leaving the card, read the
// head and refuse from there what is no picture (a video is never read whole); when
// the customer has a photo of this identity and size, compare head and tail;
// otherwise read it whole, hashing while it streams in, read its metadata, check
// that a decoder reads a picture from it and make its perceptual hash (PictureHasher).
// Where that decodes the picture, its thumbnails are made from the same decode.
class FileInspector
{
public:
    // A picture is held in memory whole while it is checked and stored: larger files
    // are refused (no camera writes one photo this large; a medium-format RAW of 100
    // megapixels is about 130 MB), and a hand-in holds at most this much of its
    // files at once, so that a card never takes the kiosk's memory.
    static constexpr qint64 MaxPictureBytes = qint64(192) << 20;

    // Files read whole go into memory from `buffers` (thread-safe; it outlives the inspector).
    // Thumbnails go to `thumbnails` when the picture is decoded anyway; null: none made.
    FileInspector(const CustomerIndex &index, const MetadataReader &metadata,
                  const ImageDecoder &decoder, FileBytesPool &buffers, bool verifyFull, bool again,
                  const Thumbnailer *thumbnails = nullptr);

    // `knownSha256`: the file's SHA-256, verified as it arrived over the network; it is
    // read without being hashed again (and its MD5 left to its first burn).
    InspectedFile inspect(const CardEntry &entry, const QString &knownSha256 = QString()) const;
    // A file whose bytes are in memory already, its SHA-256 verified (a piece that
    // arrived whole over the network): looked at as inspect() looks, without reading
    // it again. The result keeps no bytes. Thread-safe.
    InspectedFile inspectArrived(const QString &path, const QByteArray &data, const QString &sha256) const;
    // The bytes of the entry that inspect() may hold in memory at once.
    static qint64 bytesHeld(const CardEntry &entry);

private:
    bool readHead(InspectedFile &file, const CardEntry &entry, QFile &source, QByteArray &head) const;
    bool refusedByHead(InspectedFile &file, const QByteArray &head) const;
    bool readWhole(InspectedFile &file, QByteArray head, QFile &source, const QString &knownSha256) const;
    bool recognise(InspectedFile &file, const PhotoMetadata &headMeta, const QByteArray &head,
                   QFile &source) const;
    void examine(InspectedFile &file, std::optional<PhotoMetadata> headMeta) const;
    void judge(InspectedFile &file) const;
    void keepThumbnails(const InspectedFile &file, const DecodedImage &decoded) const;

    const CustomerIndex &m_index;
    const MetadataReader &m_metadata;
    const ImageDecoder &m_decoder;
    PictureHasher m_hasher;
    FileBytesPool &m_buffers;
    const Thumbnailer *m_thumbnails;
    bool m_verifyFull;
    bool m_again;
};

} // namespace Keepsake
