// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "DiscViewer.h"

#include "DiscManifest.h"
#include "print/PrintLanguage.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

namespace Keepsake {

namespace {

QByteArray resource(const QString &name)
{
    QFile file(QStringLiteral(":/viewer/") + name);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// A relative URL: every path segment percent-encoded.
QString href(const QString &path)
{
    QStringList segments = path.split(QLatin1Char('/'));
    for (QString &segment : segments)
        segment = QString::fromLatin1(QUrl::toPercentEncoding(segment));
    return segments.join(QLatin1Char('/'));
}

QList<const ManifestAlbum *> allAlbums(const DiscManifest &manifest)
{
    QList<const ManifestAlbum *> albums;
    for (const ManifestSession &session : manifest.sessions)
        for (const ManifestAlbum &album : session.albums)
            albums.append(&album);
    return albums;
}


QString coversHtml(const QList<const ManifestAlbum *> &albums, const PrintLanguage &language)
{
    QString html;
    for (qsizetype i = 0; i < albums.size(); ++i) {
        const ManifestAlbum &album = *albums.at(i);
        const ManifestPhoto *cover = album.cover();
        const QString image = cover ? (cover->thumb.isEmpty() ? cover->view : cover->thumb) : QString();
        // An album whose cover has no picture a browser shows gets a plain tile.
        const QString picture = image.isEmpty()
            ? QStringLiteral("<div class=\"nopicture\" role=\"img\" aria-label=\"%1\"></div>").arg(album.title.toHtmlEscaped())
            : QStringLiteral("<img src=\"%1\" alt=\"%2\">").arg(href(image), cover->name.toHtmlEscaped());
        html += QStringLiteral("<a class=\"cover\" id=\"cover-%1\" href=\"#album-%1\">%2<span>%3</span><small>%4</small></a>\n")
                    .arg(i)
                    .arg(picture, album.title.toHtmlEscaped(),
                         language.translate("Keepsake::DiscViewer", "%n photo(s)", nullptr, int(album.photos.size())).toHtmlEscaped());
    }
    return html;
}

// The words viewer.js shows, in the customer's language.
QJsonObject viewerTexts(const PrintLanguage &language)
{
    return {
        { QStringLiteral("close"), language.translate("Keepsake::DiscViewer", "Close") },
        { QStringLiteral("previous"), language.translate("Keepsake::DiscViewer", "Previous photo") },
        { QStringLiteral("next"), language.translate("Keepsake::DiscViewer", "Next photo") },
        { QStringLiteral("noPicture"), language.translate("Keepsake::DiscViewer", "A browser cannot show this photo (%1). "
                                                                   "The original is on the disc:") },
        { QStringLiteral("open"), language.translate("Keepsake::DiscViewer", "Open the original file") },
    };
}

QByteArray albumsScript(const QList<const ManifestAlbum *> &albums, const PrintLanguage &language)
{
    QJsonArray list;
    for (const ManifestAlbum *album : albums) {
        QJsonArray photos;
        for (const ManifestPhoto &p : album->photos)
            photos.append(QJsonObject { { QStringLiteral("name"), p.name }, { QStringLiteral("path"), p.path },
                                        { QStringLiteral("view"), p.view }, { QStringLiteral("thumb"), p.thumb },
                                        { QStringLiteral("taken"), p.taken }, { QStringLiteral("caption"), p.caption } });
        list.append(QJsonObject { { QStringLiteral("title"), album->title }, { QStringLiteral("folder"), album->folder },
                                  { QStringLiteral("photos"), photos } });
    }
    return "window.KEEPSAKE_ALBUMS = " + QJsonDocument(list).toJson(QJsonDocument::Compact) + ";\n"
        + "window.KEEPSAKE_TEXT = " + QJsonDocument(viewerTexts(language)).toJson(QJsonDocument::Compact) + ";\n";
}

} // namespace

QList<DiscViewer::File> DiscViewer::render(const DiscManifest &manifest, const QString &language)
{
    const PrintLanguage words(language);
    const QList<const ManifestAlbum *> albums = allAlbums(manifest);
    const QString title = manifest.labName.isEmpty() ? words.translate("Keepsake::DiscViewer", "Your photos")
                                                     : words.translate("Keepsake::DiscViewer", "Your photos from %1").arg(manifest.labName);
    QString page = QString::fromUtf8(resource(QStringLiteral("index.html")));
    page.replace(QLatin1String("{{LANG}}"), words.locale().bcp47Name().toHtmlEscaped());
    page.replace(QLatin1String("{{TITLE}}"), title.toHtmlEscaped());
    page.replace(QLatin1String("{{OWNER}}"), QStringLiteral("%1 (%2)").arg(manifest.customerName.toHtmlEscaped(),
                                                                            manifest.customerCode.toHtmlEscaped()));
    page.replace(QLatin1String("{{BACK}}"), words.translate("Keepsake::DiscViewer", "All albums").toHtmlEscaped());
    page.replace(QLatin1String("{{CLOSE}}"), words.translate("Keepsake::DiscViewer", "Close").toHtmlEscaped());
    page.replace(QLatin1String("{{FOOTER}}"), words.translate("Keepsake::DiscViewer", "Disc %1").arg(manifest.discId).toHtmlEscaped());
    page.replace(QLatin1String("{{COVERS}}"), coversHtml(albums, words));
    return {
        { QStringLiteral("index.html"), page.toUtf8() },
        { QStringLiteral("viewer/viewer.css"), resource(QStringLiteral("viewer.css")) },
        { QStringLiteral("viewer/viewer.js"), resource(QStringLiteral("viewer.js")) },
        { QStringLiteral("viewer/albums.js"), albumsScript(albums, words) },
    };
}

} // namespace Keepsake
