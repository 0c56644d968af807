// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QStringList>

struct anthy_context;

namespace Keepsake {

// Kana to kanji with Anthy (Debian: libanthy-dev, dictionary: anthy): the ways to
// write a reading, best first. Nothing is learnt from what customers type: candidates
// are never committed to Anthy, so no personal dictionary grows on a public kiosk.
class KanaConverter
{
public:
    KanaConverter();
    ~KanaConverter();
    KanaConverter(const KanaConverter &) = delete;
    KanaConverter &operator=(const KanaConverter &) = delete;

    // False when Anthy or its dictionary could not be opened (logged once per converter).
    bool isAvailable() const { return m_context != nullptr; }
    // The whole reading converted (best first), other writings of its first part with
    // the best of the rest, then the kana as typed and in katakana; at most `limit`.
    QStringList candidates(const QString &kana, int limit = 12) const;

private:
    QString segment(int index, int candidate) const;
    int candidateCount(int segment) const;

    anthy_context *m_context = nullptr;
};

} // namespace Keepsake
