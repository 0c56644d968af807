// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The intake of an untrusted file, as a libFuzzer target: what a hand-in does with a
// card file before it is stored — the verdict on its head, the camera's metadata read
// from the head and from the whole file, the embedded preview looked up, the decoder's
// verdict, and the print-size rendition a thumbnail is made from, turned upright. The same function is
// replayed over the regression files in CI (ReplayMain.cpp); `run-fuzz.sh` runs it
// under libFuzzer with AddressSanitizer and UndefinedBehaviorSanitizer.
#include "metadata/ImageDecoder.h"
#include "metadata/MetadataReader.h"
#include "metadata/Thumbnailer.h"
#include "store/Sha256.h"

#include <QCoreApplication>
#include <QLoggingCategory>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    // Qt's image readers need an application object; exiv2's and LibRaw's complaints
    // about broken files are expected here by the hundred thousand.
    new QCoreApplication(*argc, *argv);   // lives as long as the fuzzing process
    QLoggingCategory::setFilterRules(QStringLiteral("keepsake.*=false\nqt.*=false"));
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace Keepsake;
    const QByteArray bytes = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    const MetadataReader metadata;
    const ImageDecoder decoder;

    // A card file's head is read first; the whole file only when it may be a picture.
    const QByteArray head = bytes.left(qsizetype(QuickHash::HeadBytes));
    if (bytes.size() > head.size())
        (void)metadata.read(head);
    (void)decoder.refuseByHead(bytes.left(bytes.size() / 2), bytes.size());   // as if the rest were still on the card
    const Result<PhotoMetadata> whole = metadata.read(bytes);
    const QByteArray preview = metadata.largestJpegPreview(bytes);
    if (!preview.isEmpty())
        (void)decoder.check(preview);

    const DecodedImage verdict = decoder.check(bytes);
    const DecodedImage rendition = decoder.decode(bytes, Thumbnailer::PrintEdge);
    if (rendition.accepted && !rendition.picture.isNull()) {
        const int orientation = whole ? whole->orientation : 1;
        const QImage upright = applyOrientation(rendition.picture, orientation);
        (void)upright.scaled(Thumbnailer::GridEdge, Thumbnailer::GridEdge, Qt::KeepAspectRatio);
    }
    (void)verdict;
    return 0;
}
