// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "WebStrings.h"

#include <QTranslator>

namespace Keepsake {

namespace {

struct Text
{
    const char *key;
    const char *source;
};

// Every text of resources/web, for lupdate; translated per request. %1, %2 are filled
// in by the page. Keys are lowercase and dotted: the page's part, then the text.
const Text Texts[] = {
    // Both pages
    { "page.title", QT_TRANSLATE_NOOP("Keepsake::WebPage", "Your photos") },
    { "page.skip", QT_TRANSLATE_NOOP("Keepsake::WebPage", "Skip to the content") },
    { "page.account", QT_TRANSLATE_NOOP("Keepsake::WebPage", "Your account") },
    { "page.loading", QT_TRANSLATE_NOOP("Keepsake::WebPage", "Loading…") },
    { "error.network", QT_TRANSLATE_NOOP("Keepsake::WebPage", "The lab cannot be reached. Check your connection and try again.") },
    { "error.unexpected", QT_TRANSLATE_NOOP("Keepsake::WebPage", "The lab answered with an error (%1). Try again later, or ask the lab.") },
    { "size.bytes", QT_TRANSLATE_NOOP("Keepsake::WebPage", "%1 bytes") },
    { "size.kb", QT_TRANSLATE_NOOP("Keepsake::WebPage", "%1 KB") },
    { "size.mb", QT_TRANSLATE_NOOP("Keepsake::WebPage", "%1 MB") },
    { "size.gb", QT_TRANSLATE_NOOP("Keepsake::WebPage", "%1 GB") },
    // Signing in and out
    { "signin.title", QT_TRANSLATE_NOOP("Keepsake::WebPage", "Sign in") },
    { "signin.intro", QT_TRANSLATE_NOOP("Keepsake::WebPage", "Sign in with the customer code from your receipt and your PIN.") },
    { "signin.link_used", QT_TRANSLATE_NOOP("Keepsake::WebPage", "This link was used already or has expired: sign in with your customer code and PIN, or ask the lab.") },
    { "signin.code", QT_TRANSLATE_NOOP("Keepsake::WebPage", "Customer code") },
    { "signin.pin", QT_TRANSLATE_NOOP("Keepsake::WebPage", "PIN") },
    { "signin.submit", QT_TRANSLATE_NOOP("Keepsake::WebPage", "Sign in") },
    { "signin.missing", QT_TRANSLATE_NOOP("Keepsake::WebPage", "Enter your customer code and your PIN.") },
    { "signout.button", QT_TRANSLATE_NOOP("Keepsake::WebPage", "Sign out") },
    { "who.customer", QT_TRANSLATE_NOOP("Keepsake::WebPage", "%1 (customer %2)") },
    { "who.viewer", QT_TRANSLATE_NOOP("Keepsake::WebPage", "Viewing as %1") },
    // Albums and photos
    { "albums.title", QT_TRANSLATE_NOOP("Keepsake::WebPage", "Albums") },
    { "albums.empty", QT_TRANSLATE_NOOP("Keepsake::WebPage", "There are no albums for you to see right now.") },
    { "albums.cover", QT_TRANSLATE_NOOP("Keepsake::WebPage", "Cover photo of %1") },
    { "albums.shared_by", QT_TRANSLATE_NOOP("Keepsake::WebPage", "Shared by %1") },
    { "albums.count", QT_TRANSLATE_NOOP("Keepsake::WebPage", "Photos: %1 (%2)") },
    { "albums.expires", QT_TRANSLATE_NOOP("Keepsake::WebPage", "Kept here until %1") },
    { "albums.expiring", QT_TRANSLATE_NOOP("Keepsake::WebPage", "Goes onto disc soon") },
    { "album.back", QT_TRANSLATE_NOOP("Keepsake::WebPage", "Back to the albums") },
    { "album.download", QT_TRANSLATE_NOOP("Keepsake::WebPage", "Download all (zip)") },
    { "album.download_named", QT_TRANSLATE_NOOP("Keepsake::WebPage", "Download the album %1 as a zip file") },
    { "album.empty", QT_TRANSLATE_NOOP("Keepsake::WebPage", "This album has no photos.") },
    { "photo.download", QT_TRANSLATE_NOOP("Keepsake::WebPage", "Download") },
    { "photo.download_named", QT_TRANSLATE_NOOP("Keepsake::WebPage", "Download %1") },
    { "photo.no_thumbnail", QT_TRANSLATE_NOOP("Keepsake::WebPage", "%1 (no preview)") },
    // Notices
    { "notices.title", QT_TRANSLATE_NOOP("Keepsake::WebPage", "Notices") },
    { "notices.empty", QT_TRANSLATE_NOOP("Keepsake::WebPage", "No notices.") },
    { "notices.unread", QT_TRANSLATE_NOOP("Keepsake::WebPage", "Notices, unread: %1") },
    { "notices.created", QT_TRANSLATE_NOOP("Keepsake::WebPage", "Sent on %1") },
    { "notices.open_album", QT_TRANSLATE_NOOP("Keepsake::WebPage", "Open the album %1") },
    { "notices.mark_read", QT_TRANSLATE_NOOP("Keepsake::WebPage", "Mark read") },
    { "notices.mark_read_named", QT_TRANSLATE_NOOP("Keepsake::WebPage", "Mark the notice \"%1\" read") },
    { "notices.read", QT_TRANSLATE_NOOP("Keepsake::WebPage", "Read") },
    { "notices.new", QT_TRANSLATE_NOOP("Keepsake::WebPage", "New notice") },
    { "notices.dismiss", QT_TRANSLATE_NOOP("Keepsake::WebPage", "Close this message") },
    // The phone upload page
    { "upload.title", QT_TRANSLATE_NOOP("Keepsake::WebPage", "Hand in photos") },
    { "upload.for", QT_TRANSLATE_NOOP("Keepsake::WebPage", "Photos for %1") },
    { "upload.expires", QT_TRANSLATE_NOOP("Keepsake::WebPage", "This address works until %1.") },
    { "upload.intro", QT_TRANSLATE_NOOP("Keepsake::WebPage", "Choose the photos and videos to hand in. They go to the lab as they are, in full quality.") },
    { "upload.choose", QT_TRANSLATE_NOOP("Keepsake::WebPage", "Choose photos") },
    { "upload.chosen", QT_TRANSLATE_NOOP("Keepsake::WebPage", "Files chosen: %1 (%2)") },
    { "upload.send", QT_TRANSLATE_NOOP("Keepsake::WebPage", "Send to the lab") },
    { "upload.progress_named", QT_TRANSLATE_NOOP("Keepsake::WebPage", "Progress of %1") },
    { "upload.waiting", QT_TRANSLATE_NOOP("Keepsake::WebPage", "Waiting") },
    { "upload.checking", QT_TRANSLATE_NOOP("Keepsake::WebPage", "Checking file %1 of %2…") },
    { "upload.checking_file", QT_TRANSLATE_NOOP("Keepsake::WebPage", "Checking…") },
    { "upload.sending", QT_TRANSLATE_NOOP("Keepsake::WebPage", "Sending file %1 of %2…") },
    { "upload.sending_file", QT_TRANSLATE_NOOP("Keepsake::WebPage", "Sending: %1 %") },
    { "upload.sent_file", QT_TRANSLATE_NOOP("Keepsake::WebPage", "Sent") },
    { "upload.known", QT_TRANSLATE_NOOP("Keepsake::WebPage", "The lab has this photo already: nothing to send.") },
    { "upload.refused", QT_TRANSLATE_NOOP("Keepsake::WebPage", "The lab refused this file.") },
    { "upload.refused_because", QT_TRANSLATE_NOOP("Keepsake::WebPage", "Refused: %1") },
    { "upload.failed_file", QT_TRANSLATE_NOOP("Keepsake::WebPage", "Not sent: %1") },
    { "upload.finishing", QT_TRANSLATE_NOOP("Keepsake::WebPage", "Handing in…") },
    { "upload.ingesting", QT_TRANSLATE_NOOP("Keepsake::WebPage", "The lab is taking in the photos: %1 of %2 done.") },
    { "upload.summary_title", QT_TRANSLATE_NOOP("Keepsake::WebPage", "Handed in") },
    { "upload.summary", QT_TRANSLATE_NOOP("Keepsake::WebPage", "New: %1. Handed in before: %2. New versions: %3. Not taken: %4.") },
    { "upload.close_page", QT_TRANSLATE_NOOP("Keepsake::WebPage", "You can close this page now: the photos are in your albums at the lab.") },
    { "upload.failed", QT_TRANSLATE_NOOP("Keepsake::WebPage", "The hand-in failed. Ask at the counter for help.") },
    { "upload.closed", QT_TRANSLATE_NOOP("Keepsake::WebPage", "This upload address has expired or was used already. Ask at the kiosk for a new QR code.") },
    { "upload.already_done", QT_TRANSLATE_NOOP("Keepsake::WebPage", "These photos were handed in already. To hand in more, ask at the kiosk for a new QR code.") },
    { "upload.insecure", QT_TRANSLATE_NOOP("Keepsake::WebPage", "This browser cannot check the photos on this page. Open the address from the QR code again (it begins with https), or ask at the kiosk.") },
    { "upload.no_token", QT_TRANSLATE_NOOP("Keepsake::WebPage", "This address is incomplete. Scan the QR code at the kiosk again.") },
    // One line per file after the hand-in (CLI.md's ingest outcomes)
    { "outcome.new", QT_TRANSLATE_NOOP("Keepsake::WebPage", "New photo: stored at the lab") },
    { "outcome.already_received", QT_TRANSLATE_NOOP("Keepsake::WebPage", "Handed in before: not stored again") },
    { "outcome.new_version", QT_TRANSLATE_NOOP("Keepsake::WebPage", "New version of a photo handed in before: stored at the lab") },
    { "outcome.rejected", QT_TRANSLATE_NOOP("Keepsake::WebPage", "Not taken: no photo or video could be read from this file") },
    { "outcome.rejected_because", QT_TRANSLATE_NOOP("Keepsake::WebPage", "Not taken: %1") },
};

} // namespace

QJsonObject WebStrings::all(const QTranslator *translator)
{
    QJsonObject strings;
    for (const Text &text : Texts) {
        QString translated;
        if (translator)
            translated = translator->translate("Keepsake::WebPage", text.source);
        if (translated.isEmpty())
            translated = QString::fromUtf8(text.source);
        strings.insert(QLatin1String(text.key), translated);
    }
    return strings;
}

QStringList WebStrings::keys()
{
    QStringList keys;
    for (const Text &text : Texts)
        keys.append(QLatin1String(text.key));
    return keys;
}

} // namespace Keepsake
