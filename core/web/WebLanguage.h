// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QString>
#include <QTranslator>

#include <memory>

namespace Keepsake {

// The languages the customers' page speaks: Keepsake's own translations (:/i18n), one
// translator per language, loaded once and kept.
class WebLanguage
{
public:
    // The language to answer in: the signed-in person's, else the one the page asks
    // for, else the browser's first (Accept-Language) that Keepsake has, else English.
    static QString choose(const QString &person, const QString &asked, const QByteArray &acceptLanguage);
    // The translator of a language; null for English source text.
    const QTranslator *translator(const QString &language);

private:
    QHash<QString, std::shared_ptr<QTranslator>> m_translators;
};

} // namespace Keepsake
