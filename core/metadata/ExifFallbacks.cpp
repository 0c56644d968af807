// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ExifFallbacks.h"

#include <libheif/heif.h>

#include <memory>
#include <vector>

namespace Keepsake::ExifFallbacks {

namespace {

struct HeifContextDeleter
{
    void operator()(heif_context *context) const { heif_context_free(context); }
};
struct HeifHandleDeleter
{
    void operator()(heif_image_handle *handle) const { heif_image_handle_release(handle); }
};

quint32 bigEndian32(const char *p)
{
    const auto *u = reinterpret_cast<const unsigned char *>(p);
    return (quint32(u[0]) << 24) | (quint32(u[1]) << 16) | (quint32(u[2]) << 8) | quint32(u[3]);
}

bool startsWithTiffHeader(const QByteArray &bytes, qsizetype at)
{
    if (at < 0 || at + 4 > bytes.size())
        return false;
    const QByteArray head = bytes.mid(at, 4);
    return head == QByteArrayLiteral("II*\0") || head == QByteArrayLiteral("MM\0*");
}

// An Exif item starts with a 4-byte offset to the TIFF header; some writers also put
// "Exif\0\0" in front of it. Accept either, and search a little when both lie.
QByteArray tiffFromExifItem(const QByteArray &item)
{
    if (item.size() < 8)
        return {};
    const quint32 offset = bigEndian32(item.constData());
    if (offset < quint32(item.size()) && startsWithTiffHeader(item, 4 + qsizetype(offset)))
        return item.mid(4 + qsizetype(offset));
    for (qsizetype at = 0; at + 4 <= item.size() && at < 64; ++at) {
        if (startsWithTiffHeader(item, at))
            return item.mid(at);
    }
    return {};
}

} // namespace

QByteArray heifExif(const QByteArray &data)
{
    std::unique_ptr<heif_context, HeifContextDeleter> context(heif_context_alloc());
    if (!context)
        return {};
    heif_error error = heif_context_read_from_memory_without_copy(
        context.get(), data.constData(), size_t(data.size()), nullptr);
    if (error.code != heif_error_Ok)
        return {};
    heif_image_handle *rawHandle = nullptr;
    error = heif_context_get_primary_image_handle(context.get(), &rawHandle);
    if (error.code != heif_error_Ok || !rawHandle)
        return {};
    std::unique_ptr<heif_image_handle, HeifHandleDeleter> handle(rawHandle);

    const int count = heif_image_handle_get_number_of_metadata_blocks(handle.get(), "Exif");
    if (count <= 0)
        return {};
    std::vector<heif_item_id> ids(static_cast<size_t>(count));
    heif_image_handle_get_list_of_metadata_block_IDs(handle.get(), "Exif", ids.data(), count);
    const size_t size = heif_image_handle_get_metadata_size(handle.get(), ids.front());
    if (size == 0 || size > size_t(16) * 1024 * 1024)
        return {};
    QByteArray item(qsizetype(size), Qt::Uninitialized);
    error = heif_image_handle_get_metadata(handle.get(), ids.front(), item.data());
    if (error.code != heif_error_Ok)
        return {};
    return tiffFromExifItem(item);
}

QList<QByteArray> cr3Tiffs(const QByteArray &data)
{
    // A CR3 is ISO-BMFF with brand "crx "; Canon keeps classic TIFF blocks in boxes
    // named CMT1..CMT4 inside a uuid box near the start of the file.
    if (data.size() < 12 || data.mid(4, 4) != QByteArrayLiteral("ftyp")
        || data.mid(8, 4) != QByteArrayLiteral("crx "))
        return {};
    QList<QByteArray> tiffs;
    const QByteArray head = data.left(4 * 1024 * 1024);
    for (const char *name : { "CMT1", "CMT2" }) {
        const qsizetype at = head.indexOf(QByteArray(name));
        if (at < 4)
            continue;
        const quint32 boxSize = bigEndian32(head.constData() + at - 4);
        if (boxSize < 16 || at - 4 + qsizetype(boxSize) > data.size())
            continue;
        if (startsWithTiffHeader(data, at + 4))
            tiffs.append(data.mid(at + 4, qsizetype(boxSize) - 8));
    }
    return tiffs;
}

} // namespace Keepsake::ExifFallbacks
