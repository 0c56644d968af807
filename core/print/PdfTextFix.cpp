// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "PdfTextFix.h"

#include "PrintLog.h"

#include <QCoreApplication>
#include <QFile>
#include <QList>
#include <QMap>

// qpdf 11: std::shared_ptr throughout, none of its old PointerHolder.
#define POINTERHOLDER_TRANSITION 4
#include <qpdf/Buffer.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFWriter.hh>

#include <exception>

namespace Keepsake {

namespace {

bool isRadical(char16_t unit)
{
    return (unit >= 0x2E80 && unit <= 0x2EFF) || (unit >= 0x2F00 && unit <= 0x2FDF);
}

// The hex strings <...> of a CMap section, and '[' / ']' as tokens of their own.
QList<QByteArray> tokens(const QByteArray &section)
{
    QList<QByteArray> out;
    qsizetype i = 0;
    while (i < section.size()) {
        const char c = section.at(i);
        if (c == '<') {
            const qsizetype end = section.indexOf('>', i);
            if (end < 0)
                break;
            out.append(section.mid(i + 1, end - i - 1).trimmed());
            i = end + 1;
        } else if (c == '[' || c == ']') {
            out.append(QByteArray(1, c));
            ++i;
        } else {
            ++i;
        }
    }
    return out;
}

QString unicodeOf(const QByteArray &hex)
{
    QString text;
    for (qsizetype i = 0; i + 4 <= hex.size(); i += 4)
        text.append(QChar(char16_t(hex.mid(i, 4).toUInt(nullptr, 16))));
    return text;
}

QByteArray hexOf(const QString &text)
{
    QByteArray hex;
    for (const QChar c : text)
        hex += QByteArray::number(c.unicode(), 16).rightJustified(4, '0').toUpper();
    return hex;
}

// Every code → text mapping of the CMap's bfchar and bfrange sections.
QMap<uint, QString> mappings(const QByteArray &cmap)
{
    QMap<uint, QString> map;
    qsizetype pos = 0;
    while (true) {
        const qsizetype begin = cmap.indexOf("beginbf", pos);
        if (begin < 0)
            break;
        const bool range = cmap.mid(begin + 7, 5) == "range";
        const qsizetype bodyStart = begin + (range ? 12 : 11);
        const qsizetype end = cmap.indexOf(range ? "endbfrange" : "endbfchar", bodyStart);
        if (end < 0)
            break;
        const QList<QByteArray> t = tokens(cmap.mid(bodyStart, end - bodyStart));
        qsizetype i = 0;
        while (range && i + 2 < t.size()) {
            const uint from = t.at(i).toUInt(nullptr, 16);
            const uint to = t.at(i + 1).toUInt(nullptr, 16);
            if (t.at(i + 2) == "[") {
                i += 3;
                for (uint code = from; code <= to && i < t.size() && t.at(i) != "]"; ++code, ++i)
                    map.insert(code, unicodeOf(t.at(i)));
                ++i;   // ']'
            } else {
                QString text = unicodeOf(t.at(i + 2));
                for (uint code = from; code <= to && !text.isEmpty(); ++code) {
                    map.insert(code, text);
                    text.back() = QChar(char16_t(text.back().unicode() + 1));
                }
                i += 3;
            }
        }
        for (; !range && i + 1 < t.size(); i += 2)
            map.insert(t.at(i).toUInt(nullptr, 16), unicodeOf(t.at(i + 1)));
        pos = end;
    }
    return map;
}

QByteArray cmapText(const QMap<uint, QString> &map)
{
    QByteArray out = "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
                     "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                     "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
                     "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
    auto it = map.cbegin();
    while (it != map.cend()) {
        QByteArray chunk;
        int count = 0;
        for (; it != map.cend() && count < 100; ++it, ++count)
            chunk += '<' + QByteArray::number(it.key(), 16).rightJustified(4, '0').toUpper() + "> <"
                + hexOf(it.value()) + ">\n";
        out += QByteArray::number(count) + " beginbfchar\n" + chunk + "endbfchar\n";
    }
    out += "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
    return out;
}

} // namespace

QByteArray PdfTextFix::unifyRadicals(const QByteArray &cmap)
{
    QMap<uint, QString> map = mappings(cmap);
    bool changed = false;
    for (auto it = map.begin(); it != map.end(); ++it) {
        if (it.value().size() != 1 || !isRadical(it.value().at(0).unicode()))
            continue;
        const QString unified = it.value().normalized(QString::NormalizationForm_KC);
        if (unified != it.value()) {
            it.value() = unified;
            changed = true;
        }
    }
    return changed ? cmapText(map) : cmap;
}

Result<bool> PdfTextFix::apply(const QString &input, const QString &output)
{
    // qpdf keeps the file names it is given (QPDFWriter opens and names the output
    // only in write()): they live as long as the qpdf objects.
    const QByteArray inputName = QFile::encodeName(input);
    const QByteArray outputName = QFile::encodeName(output);
    try {
        QPDF pdf;
        pdf.processFile(inputName.constData());
        bool changed = false;
        for (QPDFObjectHandle &object : pdf.getAllObjects()) {
            if (!object.isDictionary() || !object.hasKey("/ToUnicode"))
                continue;
            QPDFObjectHandle map = object.getKey("/ToUnicode");
            if (!map.isStream())
                continue;
            const std::shared_ptr<Buffer> data = map.getStreamData(qpdf_dl_generalized);
            const QByteArray original(reinterpret_cast<const char *>(data->getBuffer()), qsizetype(data->getSize()));
            const QByteArray repaired = unifyRadicals(original);
            if (repaired == original)
                continue;
            map.replaceStreamData(repaired.toStdString(), QPDFObjectHandle::newNull(), QPDFObjectHandle::newNull());
            changed = true;
        }
        if (!changed)
            return false;
        QPDFWriter writer(pdf, outputName.constData());
        writer.setDecodeLevel(qpdf_dl_none);   // images and pages pass through as they are
        writer.write();
        qCDebug(lcPrint) << "Repaired the text maps of" << input;
        return true;
    } catch (const std::exception &e) {
        return Error::failure(QCoreApplication::translate("Keepsake::PdfTextFix",
            "The PDF %1 was written but its text could not be checked (%2). Try again; if it "
            "keeps failing, report this message.").arg(input, QString::fromLocal8Bit(e.what())));
    }
}

} // namespace Keepsake
