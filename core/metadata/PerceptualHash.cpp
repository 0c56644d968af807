// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "PerceptualHash.h"

#include "MetadataLog.h"

#include <QImage>

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <numbers>

namespace Keepsake {

namespace {

constexpr int N = PerceptualHash::Edge;
constexpr int B = PerceptualHash::Block;

using Grey = std::array<double, N * N>;
using Coefficients = std::array<double, B * B>;

// The cosines of the orthonormal DCT-II: basis[u][x] = c(u) cos((2x + 1) u π / 2N).
using Basis = std::array<std::array<double, N>, B>;

Basis makeBasis()
{
    Basis basis {};
    for (int u = 0; u < B; ++u) {
        const double scale = u == 0 ? std::sqrt(1.0 / N) : std::sqrt(2.0 / N);
        for (int x = 0; x < N; ++x)
            basis[u][x] = scale * std::cos((2 * x + 1) * u * std::numbers::pi / (2 * N));
    }
    return basis;
}

const Basis &basis()
{
    static const Basis table = makeBasis();   // made once, read-only after
    return table;
}

// The picture as N × N grey levels (ITU-R BT.601 luma), each the average of its area.
Grey greyOf(const QImage &upright)
{
    const QImage small = upright.convertToFormat(QImage::Format_RGB32)
                             .scaled(N, N, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    Grey grey {};
    for (int y = 0; y < N; ++y) {
        const auto *line = reinterpret_cast<const QRgb *>(small.constScanLine(y));
        for (int x = 0; x < N; ++x)
            grey[y * N + x] = 0.299 * qRed(line[x]) + 0.587 * qGreen(line[x]) + 0.114 * qBlue(line[x]);
    }
    return grey;
}

// The top-left B × B coefficients of the 2-D DCT, rows first, then columns.
Coefficients lowFrequencies(const Grey &grey)
{
    const Basis &cosines = basis();
    std::array<std::array<double, N>, B> rows {};   // rows[v][y]: row y transformed, frequency v
    for (int y = 0; y < N; ++y) {
        for (int v = 0; v < B; ++v) {
            double sum = 0;
            for (int x = 0; x < N; ++x)
                sum += cosines[v][x] * grey[y * N + x];
            rows[v][y] = sum;
        }
    }
    Coefficients out {};
    for (int u = 0; u < B; ++u) {
        for (int v = 0; v < B; ++v) {
            double sum = 0;
            for (int y = 0; y < N; ++y)
                sum += cosines[u][y] * rows[v][y];
            out[u * B + v] = sum;
        }
    }
    return out;
}

template <size_t Size>
double medianOf(std::array<double, Size> values)
{
    std::nth_element(values.begin(), values.begin() + Size / 2, values.end());
    return values[Size / 2];
}

} // namespace

std::optional<PerceptualHash> PerceptualHash::of(const QImage &upright)
{
    if (upright.isNull())
        return std::nullopt;
    const Coefficients dct = lowFrequencies(greyOf(upright));
    // Index 0 is the mean (DC): it says how bright, not what is shown.
    std::array<double, B * B - 1> ac {};
    std::copy(dct.cbegin() + 1, dct.cend(), ac.begin());
    const double median = medianOf(ac);
    // How far the coefficients lie from the median that decides their bits: with most
    // of them near it, a little noise (another encoder, another scaler) flips bits.
    std::array<double, B * B - 1> distances {};
    std::transform(ac.cbegin(), ac.cend(), distances.begin(), [median](double c) { return std::abs(c - median); });
    const double spread = medianOf(distances);
    qCDebug(lcMetadata) << "Perceptual hash: coefficients spread" << spread << "grey levels about their median";
    if (spread < LeastDetail)
        return std::nullopt;
    quint64 bits = 0;
    for (size_t i = 0; i < ac.size(); ++i) {
        if (ac[i] > median)
            bits |= quint64(1) << (i + 1);   // bit 0, the mean's, stays clear
    }
    return PerceptualHash(bits);
}

int PerceptualHash::bitsApart(PerceptualHash other) const
{
    return std::popcount(m_bits ^ other.m_bits);
}

} // namespace Keepsake
