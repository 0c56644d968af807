// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "KanaConverter.h"

#include "KanaComposer.h"
#include "KioskLog.h"

#include <anthy/anthy.h>

#include <array>

namespace Keepsake {

namespace {

// Anthy is opened once for the process; it keeps its dictionary until the process ends.
bool anthyReady()
{
    static const bool ready = [] {
        if (anthy_init() != 0)
            return false;
        anthy_set_personality("");   // no personal dictionary: a kiosk is shared
        return true;
    }();
    return ready;
}

} // namespace

KanaConverter::KanaConverter()
{
    if (!anthyReady()) {
        qCWarning(lcKiosk) << "Kana cannot be converted to kanji: Anthy did not start (is the package"
                           << "\"anthy\" with its dictionary installed?). The kana keyboard types kana only.";
        return;
    }
    m_context = anthy_create_context();
    if (m_context && anthy_context_set_encoding(m_context, ANTHY_UTF8_ENCODING) != ANTHY_UTF8_ENCODING) {
        qCWarning(lcKiosk) << "Kana cannot be converted to kanji: Anthy does not take UTF-8 here.";
        anthy_release_context(m_context);
        m_context = nullptr;
    }
}

KanaConverter::~KanaConverter()
{
    if (m_context)
        anthy_release_context(m_context);
}

QString KanaConverter::segment(int index, int candidate) const
{
    std::array<char, 1024> buffer {};
    const int length = anthy_get_segment(m_context, index, candidate, buffer.data(), int(buffer.size()));
    return length > 0 ? QString::fromUtf8(buffer.data(), length) : QString();
}

int KanaConverter::candidateCount(int segment) const
{
    anthy_segment_stat stat {};
    return anthy_get_segment_stat(m_context, segment, &stat) == 0 ? stat.nr_candidate : 0;
}

QStringList KanaConverter::candidates(const QString &kana, int limit) const
{
    QStringList result;
    auto add = [&result, limit](const QString &candidate) {
        if (!candidate.isEmpty() && !result.contains(candidate) && result.size() < limit)
            result.append(candidate);
    };
    const QString reading = KanaComposer::toHiragana(kana);
    anthy_conv_stat stat {};
    if (m_context && !reading.isEmpty() && anthy_set_string(m_context, reading.toUtf8().constData()) == 0
        && anthy_get_stat(m_context, &stat) == 0 && stat.nr_segment > 0) {
        QString rest;   // the best writing of every part after the first
        for (int index = 1; index < stat.nr_segment; ++index)
            rest += segment(index, 0);
        const int first = candidateCount(0);
        for (int candidate = 0; candidate < first; ++candidate)
            add(segment(0, candidate) + rest);
        anthy_reset_context(m_context);
    }
    // The kana as typed always comes before the alternatives run out of room.
    if (result.size() >= limit - 1)
        result = result.mid(0, limit - 2);
    add(kana);
    add(KanaComposer::toKatakana(reading));
    return result;
}

} // namespace Keepsake
