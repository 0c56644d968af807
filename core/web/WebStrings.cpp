// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
// (The page's keys are filled in by the page's own work; this is the lookup.)
#include "WebStrings.h"

#include <QCoreApplication>

namespace Keepsake {

namespace {

struct Text
{
    const char *key;
    const char *source;
};

const Text Texts[] = {
    { "signin.title", QT_TRANSLATE_NOOP("Keepsake::WebPage", "Sign in") },
};

} // namespace

QJsonObject WebStrings::all(const QTranslator *translator)
{
    QJsonObject strings;
    for (const Text &text : Texts) {
        QString translated = translator ? translator->translate("Keepsake::WebPage", text.source) : QString();
        if (translated.isEmpty())
            translated = QString::fromUtf8(text.source);
        strings.insert(QLatin1String(text.key), translated);
    }
    return strings;
}

} // namespace Keepsake
