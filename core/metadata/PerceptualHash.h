// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QtGlobal>

#include <optional>

class QImage;

namespace Keepsake {

// What a picture looks like in 64 bits, so that the same picture with other bytes
// (resized, re-encoded, metadata stripped, lightly edited) is found again: a DCT hash.
// The upright picture is brought down to 32 × 32 grey values, the 2-D DCT taken, and
// each coefficient of the top-left 8 × 8 (the coarse shape of the picture) other than
// its mean gives one bit: whether it lies above the median of those 63. Two hashes a
// few bits apart show the same picture.
//
// A picture with too little detail (a flat colour, a faint gradient, a black frame)
// gets no hash: most of its coefficients lie near their median, their bits are noise,
// and every such picture would look like every other.
class PerceptualHash
{
public:
    static constexpr int Edge = 32;            // the grey picture the DCT is taken of
    static constexpr int Block = 8;            // the coefficients that give the bits
    // How hashes are made; kept with each hash in the catalog, so that a change here
    // can tell the hashes made before it from those made after.
    static constexpr int Method = 1;
    // The most bits two hashes may differ in and still show the same picture. Measured on
    // ../shared/corpus (tst_nearduplicates): the same pictures with other bytes lie at
    // most 4 bits apart (an edited one 16), the nearest distinct photos 18.
    static constexpr int MostBitsApart = 10;
    // The least detail a picture must have to get a hash: the median distance of the 63
    // coefficients from their median, in grey levels (0..255). Photos of the corpus have
    // 8 (a hazy sunset over hills) to hundreds; a black or grey frame, a caption or a
    // line drawing on white, a scan of a blank page stay under 5.
    static constexpr double LeastDetail = 5.0;

    // Of an upright picture (its orientation applied); nothing when it has too little detail.
    static std::optional<PerceptualHash> of(const QImage &upright);

    explicit PerceptualHash(quint64 bits) : m_bits(bits) { }
    quint64 bits() const { return m_bits; }
    // As the catalog keeps it: the same 64 bits as a signed BIGINT.
    qint64 toCatalog() const { return qint64(m_bits); }
    static PerceptualHash fromCatalog(qint64 value) { return PerceptualHash(quint64(value)); }

    int bitsApart(PerceptualHash other) const;
    bool looksLike(PerceptualHash other) const { return bitsApart(other) <= MostBitsApart; }

    bool operator==(const PerceptualHash &) const = default;

private:
    quint64 m_bits = 0;
};

} // namespace Keepsake
