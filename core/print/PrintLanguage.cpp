// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "PrintLanguage.h"

#include "PrintLog.h"

#include <QCoreApplication>

namespace Keepsake {

PrintLanguage::PrintLanguage(const QString &language)
    : m_locale(language.isEmpty() ? QLocale() : QLocale(language))
{
    if (language.isEmpty())
        return;
    auto translator = std::make_unique<QTranslator>();
    if (translator->load(m_locale, QStringLiteral("keepsake"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        m_translator = std::move(translator);
    else
        qCDebug(lcPrint) << "No translation for" << language << "- printing the source texts";
}

PrintLanguage::~PrintLanguage() = default;

QString PrintLanguage::translate(const char *context, const char *sourceText, const char *disambiguation,
                                 int n) const
{
    if (!m_translator && m_locale == QLocale())
        return QCoreApplication::translate(context, sourceText, disambiguation, n);
    QString text = m_translator ? m_translator->translate(context, sourceText, disambiguation, n) : QString();
    if (text.isEmpty())
        text = QString::fromUtf8(sourceText);
    if (n >= 0)
        text.replace(QLatin1String("%n"), m_locale.toString(n));
    return text;
}

QFont PrintLanguage::font(qreal pointSize, bool bold) const
{
    QString cjk = QStringLiteral("Noto Sans CJK JP");
    switch (m_locale.language()) {
    case QLocale::Chinese:
        cjk = m_locale.territory() == QLocale::Taiwan || m_locale.territory() == QLocale::HongKong
            ? QStringLiteral("Noto Sans CJK TC") : QStringLiteral("Noto Sans CJK SC");
        break;
    case QLocale::Korean:
        cjk = QStringLiteral("Noto Sans CJK KR");
        break;
    default:
        break;
    }
    QFont font;
    font.setFamilies({ QStringLiteral("Noto Sans"), QStringLiteral("DejaVu Sans"), cjk,
                       QStringLiteral("Noto Sans CJK JP") });
    font.setStyleHint(QFont::SansSerif);
    font.setPointSizeF(pointSize);
    font.setBold(bold);
    return font;
}

} // namespace Keepsake
