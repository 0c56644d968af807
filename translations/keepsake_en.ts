<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>Keepsake::Actor</name>
    <message>
        <source>the clerk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>clerk %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>customer %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>viewer %1 (a customer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>viewer %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>device %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the lab (%1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::AlbumAccess</name>
    <message>
        <source>There is no album %1. List the customer&apos;s albums with keepsakectl albums --customer CODE.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Album %1 cannot be reached by %2: a device does not act on customers&apos; albums. Its owner, signed in, or the clerk at the counter can.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>customer %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Album %1 (%2): only the lab can do this; %3 may ask at the counter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Album %1 (%2) went onto a disc and is no longer within reach here; %3 may ask at the counter about it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Album %1 is not shared with %2 (or no longer): only its owner and the people they share it with can see it. Ask its owner to share it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Album %1 (%2) is shared with %3 to view only: only its owner or the clerk can change it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The albums of customer %1 that went onto disc are shown at the counter only; ask the clerk there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The albums and notices of customer %1 are theirs only: %2 may not see or change them. Sign in as that customer, or ask at the counter.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::AlbumChoices</name>
    <message>
        <source>Album %1 has no photo &quot;%2&quot;. List its photos with keepsakectl photos --album %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Photo %1 is not in album %2; a cover must be one of the album&apos;s photos.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Photo %1 is not in album %2; only the album&apos;s own photos can be chosen for its index print.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no photo %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no disc session %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No pickup code could be stored for disc session %1. Check that the catalog is reachable and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The caption of photo %1 is %2 characters long; a caption holds at most %3. Shorten it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::AlbumCommand</name>
    <message>
        <source>change one album: rule, date, cover, print selection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage: keepsakectl album SUB-COMMAND ...
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown album sub-command &quot;%1&quot;. See: keepsakectl album --help</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::AlbumEdits</name>
    <message>
        <source>There is no album %1: it may have been deleted. Reload the customer&apos;s albums.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An album title needs 1 to 120 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The album &quot;%1&quot; is already on disc and can no longer be renamed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Photos cannot be moved into &quot;%1&quot;: it is already on disc.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no photo %1. Reload the album.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Photo %1 cannot be moved: it belongs to another customer or is already on disc.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::AlbumLife</name>
    <message>
        <source>Album %1 (%2) was already deleted after recording.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Album %1 (%2) is %3; only albums that are not on disc yet can be extended. A recorded album in its grace period can be restored with keepsakectl album restore.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Album %1 can only be extended to a day after today (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Album %1 (%2) is %3; its rule no longer matters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Album %1 (%2) is %3; only a recorded album in its grace period can be restored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no album %1. List the customer&apos;s albums with keepsakectl albums --customer CODE --all.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Album %1 (%2) was purged or restored at the same moment; it can no longer be restored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Album %1 (%2) is %3: it waits for its disc or is on one, and a view no longer keeps it. The clerk can extend or restore it at the counter.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::AlbumPrintSubcommands</name>
    <message>
        <source>Name the album: --album ALBUM.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chooses the album&apos;s cover photo: shown first on its disc and marked on its index print.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the album&apos;s ID, or its title with --customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ALBUM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the album&apos;s owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the photo&apos;s ID or original file name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PHOTO</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name the photo: --photo PHOTO (its ID or original file name).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Album %1 &quot;%2&quot;: cover photo %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chooses the photos of the album&apos;s index print (claim 9); --clear prints all again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>photo IDs or original file names, comma-separated or repeated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no selection: the index print shows every photo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the photos (--photos PHOTO,...) or --clear.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Album %1 &quot;%2&quot;: the index print shows every photo</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Album %1 &quot;%2&quot;: %n photo(s) chosen for the index print</source>
        <translation>
            <numerusform>Album %1 &quot;%2&quot;: %n photo chosen for the index print</numerusform>
            <numerusform>Album %1 &quot;%2&quot;: %n photos chosen for the index print</numerusform>
        </translation>
    </message>
    <message>
        <source>choose the album&apos;s cover photo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>choose the photos of the album&apos;s index print</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::AlbumRetentionSubcommands</name>
    <message>
        <source>the album&apos;s ID, or its title with --customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ALBUM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the album&apos;s owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name the album: --album ID.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gives an album another retention rule; its date follows the new rule.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the rule&apos;s name (keepsakectl rule list)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NAME</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name the rule: --rule NAME.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Album %1 (%2) has a new rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keeps an album longer, as the customer asked; it becomes active with the new date.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>days added to the album&apos;s current date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>N</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the new last day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DATE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give either --days N or --until DATE.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Album %1 (%2) is extended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--days takes a positive whole number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--until takes a date like 2027-01-31.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Brings a recorded album back from its grace period: active again, dated by its rule from today.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Album %1 (%2) is restored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>give an album another retention rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>keep an album longer (--days N or --until DATE)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bring a recorded album back from its grace period</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::AlbumRoutes</name>
    <message>
        <source>&quot;%1&quot; is not an ID.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The thumbnail of photo %1 is not on this device: its file is kept on %2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::AlbumSharing</name>
    <message>
        <source>Album %1 (%2): who else may view it is its owner&apos;s business, not shown to %3. Ask its owner.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::AlbumZip</name>
    <message>
        <source>The album&apos;s zip broke off at %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be read for the album&apos;s zip: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (kept on %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These photos of the album are kept at another store of the lab and are not in this download; ask the lab for them:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not-included.txt</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::Albums</name>
    <message>
        <source>There is no album %1. List the customer&apos;s albums with keepsakectl albums --customer CODE --all.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Album %1 does not belong to this customer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an album ID; to name an album by its title, give the customer too (--customer).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The customer has no album called &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The albums cannot be read from the catalog: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The photos of album %1 cannot be read from the catalog: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expiring</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expired, waiting for its disc</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>recorded on disc</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>deleted after recording</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Photo %1 cannot be read from the catalog: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no photo %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::AlbumsCommand</name>
    <message>
        <source>the albums a customer can reach now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lists the albums the customer can reach now (owned and shared).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>also recorded and purged albums (for the clerk)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name the customer: --customer CODE.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n album(s)</source>
        <translation>
            <numerusform>%n album</numerusform>
            <numerusform>%n albums</numerusform>
        </translation>
    </message>
    <message>
        <source>every stored photo of an album</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lists every stored photo of an album, new versions included.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the album&apos;s ID, or its title with --customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ALBUM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the album&apos;s owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name the album: --album ID.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s) in album %1</source>
        <translation>
            <numerusform>%n photo in album %1</numerusform>
            <numerusform>%n photos in album %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Keepsake::AlbumsPage</name>
    <message>
        <source>Hello, %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — kept until %2. After that it comes back to you on disc.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new name for the album</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The album is now called &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Move %n photo(s) into which album?</source>
        <translation>
            <numerusform>Move %n photo into which album?</numerusform>
            <numerusform>Move %n photos into which album?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s) moved.</source>
        <translation>
            <numerusform>%n photo moved.</numerusform>
            <numerusform>%n photos moved.</numerusform>
        </translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move to album</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make cover</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose for index print</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This photo is now the album&apos;s cover: the disc opens with it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the index print choice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tick the photos for the index print. None ticked: all photos are printed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All photos of the album go on the index print.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s) chosen for the index print.</source>
        <translation>
            <numerusform>%n photo chosen for the index print.</numerusform>
            <numerusform>%n photos chosen for the index print.</numerusform>
        </translation>
    </message>
    <message>
        <source>Share this album with: customer code or e-mail address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 may now view this album and will be told before it expires.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shared by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s)</source>
        <translation>
            <numerusform>%n photo</numerusform>
            <numerusform>%n photos</numerusform>
        </translation>
    </message>
    <message>
        <source>Expires on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — shared with you by %2, to view only. You can see it until %3 or until it is recorded on disc.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You have no photos here yet.

Insert your memory card or USB stick into the kiosk now: its photos become your first album.
Or hand them in at the counter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New notice — %1. Tap to read it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n unread notice(s), the newest: %1. Tap to read them.</source>
        <translation>
            <numerusform>%n unread notice, the newest: %1. Tap to read it.</numerusform>
            <numerusform>%n unread notices, the newest: %1. Tap to read them.</numerusform>
        </translation>
    </message>
    <message>
        <source>Hand in from your phone</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::AuditDialog</name>
    <message>
        <source>Audit trail of %1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit trail of album &apos;%1&apos; of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit trail of the lab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What happened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All customers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everything</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search the entries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>to</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n entry(s) shown</source>
        <translation>
            <numerusform>%1 of %n entry shown</numerusform>
            <numerusform>%1 of %n entries shown</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose an entry to see its details.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide details</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::AuditSentences</name>
    <message>
        <source>Hand-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Album renamed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Photos moved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cover chosen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Caption written</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Photos chosen to print</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Album shared</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sharing ended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Album recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disc recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Album extended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rule changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Album restored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Photos deleted after recording</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notice sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notice failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registered at the kiosk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registration confirmed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer details changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrong PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Setting changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rule added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>customer no. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The clerk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clerk %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The lab&apos;s command line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (command line)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The mail delivery</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The lab&apos;s nightly round</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The printing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 at %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 at %2</source>
        <comment>what someone did, at which terminal</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 renamed album &apos;%2&apos; to &apos;%3&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 moved %n photo(s) into album &apos;%2&apos;</source>
        <translation>
            <numerusform>%1 moved %n photo into album &apos;%2&apos;</numerusform>
            <numerusform>%1 moved %n photos into album &apos;%2&apos;</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 chose the cover of album &apos;%2&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 wrote a caption in album &apos;%2&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 chose %n photo(s) of album &apos;%2&apos; to print</source>
        <translation>
            <numerusform>%1 chose %n photo of album &apos;%2&apos; to print</numerusform>
            <numerusform>%1 chose %n photos of album &apos;%2&apos; to print</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 shared album &apos;%2&apos; with %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 stopped sharing album &apos;%2&apos; with %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 recorded album &apos;%2&apos; onto disc %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 extended album &apos;%2&apos; until %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 gave album &apos;%2&apos; the rule &apos;%3&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 restored album &apos;%2&apos;, kept until %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 deleted the %n photo(s) of album &apos;%2&apos; after its time on disc</source>
        <translation>
            <numerusform>%1 deleted the %n photo of album &apos;%2&apos; after its time on disc</numerusform>
            <numerusform>%1 deleted the %n photos of album &apos;%2&apos; after its time on disc</numerusform>
        </translation>
    </message>
    <message>
        <source>Notice about album &apos;%1&apos; sent to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notice about album &apos;%1&apos; to %2 not sent: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 handed in %n new photo(s)</source>
        <translation>
            <numerusform>%1 handed in %n new photo</numerusform>
            <numerusform>%1 handed in %n new photos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n already here</source>
        <translation>
            <numerusform>, %n already here</numerusform>
            <numerusform>, %n already here</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n refused</source>
        <translation>
            <numerusform>, %n refused</numerusform>
            <numerusform>, %n refused</numerusform>
        </translation>
    </message>
    <message>
        <source> (cancelled)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 recorded disc %2 with %n album(s)</source>
        <translation>
            <numerusform>%1 recorded disc %2 with %n album</numerusform>
            <numerusform>%1 recorded disc %2 with %n albums</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 registered as a new customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 confirmed the registration of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 signed in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: someone typed an unknown customer code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 typed a wrong PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 set %2 to &apos;%3&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 added the retention rule &apos;%2&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 added the device %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 (album &apos;%3&apos;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 (customer %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disc verified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disc failed verification</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer added</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 read disc %2 back: all %n file(s) match</source>
        <translation>
            <numerusform>%1 read disc %2 back: the %n file matches</numerusform>
            <numerusform>%1 read disc %2 back: all %n files match</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 read disc %2 back: %n file(s) differ; the lab keeps its copies</source>
        <translation>
            <numerusform>%1 read disc %2 back: %n file differs; the lab keeps its copies</numerusform>
            <numerusform>%1 read disc %2 back: %n files differ; the lab keeps its copies</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 added customer %2 (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 changed the details of %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>name &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e-mail address removed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e-mail address %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>phone number removed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>phone number %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the lab&apos;s language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>language %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PIN removed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a new PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no plan (the lab&apos;s default rule)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>plan &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no home device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>home device %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 &apos;%2&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Album viewed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 looked at album &apos;%2&apos;: kept until %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::AuditTrail</name>
    <message>
        <source>The audit trail is the lab&apos;s record and is shown to the clerk only, not to %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::BlobStore</name>
    <message>
        <source>The stored file %1 cannot be deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The photo store folder %1 cannot be created. Check the data folder&apos;s permissions and free space.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The photo store cannot write %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The photo store could not write a photo (%1). Make room on the disk holding %2 and hand the photos in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The photo store could not flush %1 to disk: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The photo store could not put %1 in place: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The photo store could not flush the folder %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file that arrived for %1 has another SHA-256 (%2): it was damaged on the way and is sent again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a short write</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::BurnJob</name>
    <message>
        <source>Album %1 belongs to customer %2, not to %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Album &apos;%1&apos; is already on disc %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This disc was not made by Keepsake (it has no Keepsake manifest). Nothing was written; please use a new disc.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This disc&apos;s manifest cannot be read, so it cannot be checked. Nothing was written; please use a new disc.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This disc belongs to customer %1, not to %2 (%3). Nothing was written; please use the customer&apos;s own disc or a new one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The catalog records disc %1 for another customer, not for %2. Nothing was written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disc %1 is closed: nothing more can be added to it. Insert a blank disc.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown medium &apos;%1&apos;: say one of %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no writable disc in %1. Insert a blank or the customer&apos;s disc.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No staging folder could be made in %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The disc was written and verified, but the catalog could not record it (the albums stay as they were): </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The medium in %1 is too small for this session (%2). Nothing was recorded; insert a larger or blank disc, or burn fewer albums with --albums.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The burn was cancelled; the albums stay expired, ready to burn again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing to %1 failed: %2. Nothing was recorded; the albums stay expired. Try again with another disc.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verification was cancelled; the albums stay expired, ready to burn again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The disc in %1 failed verification: %2%3. Nothing was recorded; the albums stay expired. Burn again on a new disc.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This burn needs %1 discs, and the image file %2 for disc %3 exists already. Nothing was written: move it away, or name another image file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disc %1 of %2 was not recorded: %3 The discs before it (%4) are recorded and verified; burn again for the albums left.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The disc in %1 does not hold the photos its manifest lists (%2): their stored originals are damaged, or changed while burning, since their bytes are not those handed in. Nothing was recorded; the albums stay expired. Run keepsakectl check, and hand damaged photos in again from the customer&apos;s card or a backup.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::Cameras</name>
    <message>
        <source>The camera&apos;s body serial &quot;%1&quot; (make &quot;%2&quot;) is not usable: give the serial as the camera shows it, on one line, at most 64 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The camera %1 is registered already. Remove it first (keepsakectl camera remove --serial %1) to register it for another device.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The camera %1 was registered but cannot be read back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No camera with the body serial %1 is registered. See: keepsakectl camera list</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::CaptionedPhotos</name>
    <message>
        <source>★ %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1
Caption: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::CardWalk</name>
    <message>
        <source>it is a symbolic link to the folder %1; only folders on the card itself are looked into: copy the photos onto the card instead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is a symbolic link (to %1); only files stored on the card itself are taken in: copy the photo onto the card instead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is a named pipe (FIFO), not a file; nothing was read from it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is a socket, not a file; nothing was read from it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is a device file, not a photo; nothing was read from it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is not a regular file; nothing was read from it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the folder cannot be read (%1), so none of its photos were taken in; check its permissions and hand the card in again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its path leads outside the folder handed in; nothing was read from it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file cannot be read (%1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::Catalog</name>
    <message>
        <source>The folder %1 for the catalog cannot be created. Check the data folder&apos;s permissions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The catalog %1 cannot be opened: %2. Check that it exists and that its server is running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The catalog %1 cannot start a change: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The catalog %1 did not keep a change: %2. Nothing was half-done; try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The catalog %1 was made by a newer Keepsake (schema %2; this program knows up to %3). Update Keepsake.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The catalog refused a change (%1). Check that the catalog is reachable and that this program may change it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The catalog refused a change or a query (%1). Check that the catalog is reachable and not full; nothing was half-changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The catalog has no change counter (catalog_version). Open it once with this version of Keepsake to bring its schema up to date.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::CatalogUrl</name>
    <message>
        <source>The catalog URL &quot;%1&quot; names no file: write sqlite:/path/to/catalog.sqlite.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The catalog URL &quot;%1&quot; is not understood: use sqlite:PATH or postgresql://USER[:PASS]@HOST:PORT/DB.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The catalog URL &quot;%1&quot; needs a user and a database name: postgresql://USER@HOST:PORT/DB.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::ChainFiles</name>
    <message>
        <source>Device %1 cannot read its own certificate, so it cannot fetch the photos other devices keep: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device %1 does not hold the file %2. Run keepsakectl check on device %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be written: %2. Make room in the data folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The copy of file %1 from device %2 does not match its SHA-256 (%3 of %4 bytes came). Run keepsakectl check on device %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device %1 is still making the thumbnail of file %2: try again in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::ChainRecords</name>
    <message>
        <source>%1  (this data folder)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1  %2  paired %3, last seen %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1  %2  → device %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(any make)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>photo %1 (%2) → %3, waiting since %4, %n attempt(s)</source>
        <translation>
            <numerusform>photo %1 (%2) → %3, waiting since %4, %n attempt</numerusform>
            <numerusform>photo %1 (%2) → %3, waiting since %4, %n attempts</numerusform>
        </translation>
    </message>
    <message>
        <source>; last error: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::ClientMode</name>
    <message numerus="yes">
        <source>%1  %2  [%3]  %n photo(s), %4 — %5</source>
        <translation>
            <numerusform>%1  %2  [%3]  %n photo, %4 — %5</numerusform>
            <numerusform>%1  %2  [%3]  %n photos, %4 — %5</numerusform>
        </translation>
    </message>
    <message>
        <source>(no date)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(unknown camera)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n album(s)</source>
        <translation>
            <numerusform>%n album</numerusform>
            <numerusform>%n albums</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s) in album %1</source>
        <translation>
            <numerusform>%n photo in album %1</numerusform>
            <numerusform>%n photos in album %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Device:    %1
Customers: %2
Photos:    %3 in %4 stored files, %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>photo %1 to %2, waiting since %3, %4 attempt(s)%5</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s) waiting to be forwarded</source>
        <translation>
            <numerusform>%n photo waiting to be forwarded</numerusform>
            <numerusform>%n photos waiting to be forwarded</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Keepsake::ConfigAuditCommands</name>
    <message>
        <source>settings kept in the catalog: set, get, list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reads and changes the lab&apos;s settings (mail server, notice window, grace period, default rule).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the setting, e.g. smtp.host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KEY</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its new value (set)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VALUE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use: config set KEY VALUE, config get KEY, config unset KEY or config list. See: keepsakectl config --help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (default)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is back to its default.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the audit trail: who did what, when</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shows the audit trail: hand-ins, shares, notices sent or failed, extensions, recordings, verifications, restores, deletions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>only this customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>only this album</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ALBUM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>only from this day (or ISO time) on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DATE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--since takes a date like 2026-01-31, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n entry(ies)</source>
        <translation>
            <numerusform>%n entryy</numerusform>
            <numerusform>%n entries</numerusform>
        </translation>
    </message>
    <message>
        <source>  album %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::Console</name>
    <message>
        <source>keepsakectl: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, %1:%2 left</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::CounterWindow</name>
    <message>
        <source>Keepsake — Counter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data folder: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Lab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recording</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Audit trail…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mail settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Customer</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::Ctl</name>
    <message>
        <source>Usage: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>
Example:
  %1
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1
See: %2 --help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 needs a value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>
&apos;keepsakectl COMMAND --help&apos; shows a command&apos;s options and an example.
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown command &quot;%1&quot;. See: keepsakectl --help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>keepsakectl %1 runs on a data folder, not against a device (--device): run it on the device itself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--device takes the device&apos;s address as https://HOST:PORT, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--device needs the device&apos;s certificate fingerprint (--fingerprint) and this terminal&apos;s token (--token), as keepsakectl terminal add printed them on the device.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage: keepsakectl [--data-dir DIR] [--catalog URL] [--json] [--quiet] COMMAND ...

Runs Keepsake&apos;s jobs without a window: hand-ins, checks, and later expiry, discs and prints.

Global options (before or after the command):
  --data-dir DIR   the lab&apos;s data folder (or KEEPSAKE_DATA_DIR; default %1)
  --catalog URL    sqlite:PATH or postgresql://USER@HOST:PORT/DB (or KEEPSAKE_CATALOG)
  --json           one JSON object per line on stdout
  --quiet          no progress, errors only
  --device URL     run against a device service (or KEEPSAKE_DEVICE), with
  --fingerprint FP its certificate&apos;s SHA-256 (or KEEPSAKE_DEVICE_FINGERPRINT) and
  --token TOKEN    this terminal&apos;s token (or KEEPSAKE_DEVICE_TOKEN)
  --help, --version

Commands:
</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::CustomerCommand</name>
    <message>
        <source>Adds a customer to the lab&apos;s catalog.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the customer code printed on receipts (e.g. K-00042)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the customer&apos;s name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>N</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e-mail address for notices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>phone number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PIN for the kiosk, 4 to 8 digits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>language for notices and prints (en, de, ja)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LANG</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A customer needs --code and --name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added customer %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lists every customer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n customer(s)</source>
        <translation>
            <numerusform>%n customer</numerusform>
            <numerusform>%n customers</numerusform>
        </translation>
    </message>
    <message>
        <source>Shows a customer and the albums they can reach.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the customer code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name one customer code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>home: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>add, change, list and show customers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage: keepsakectl customer add|set|list|show ...
  add    a new customer
  set    change a customer&apos;s data
  list   every customer
  show   one customer with their albums
Example:
  keepsakectl customer add --code C1 --name &quot;Anna Berg&quot; --email anna@example.org
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say what to do with customers: add, set, list or show. See: keepsakectl customer --help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the device that keeps the customer&apos;s photos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DEVICE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes a customer&apos;s data; what is not given stays. An empty value (&quot;&quot;) removes an e-mail, phone, PIN, language, plan or home device.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the retention rule new albums get</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RULE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changed customer %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::CustomerDialog</name>
    <message>
        <source>New customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer code:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>as on the customer&apos;s card, e.g. K-00042</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>for notices before albums expire</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PIN:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>4 to 8 digits, to sign in at the kiosk (may stay empty)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plan:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Home device:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The lab&apos;s language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None: the lab&apos;s default rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::CustomerEditor</name>
    <message>
        <source>New customer…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a customer: code, name, contact, language and plan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit customer…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change the name, contact, language or plan of the customer on show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset PIN…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the customer on show a new PIN for the kiosk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added customer %1 — %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved the details of %1 — %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2 has a new PIN.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::CustomerEdits</name>
    <message>
        <source>There is no retention rule named &quot;%1&quot;. See: keepsakectl rule list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer %1 was not changed: %2 may not change this (a customer changes only their own name, contact, language and PIN; plan and home device are the lab&apos;s). Ask at the counter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say what to change of customer %1: --name, --email, --phone, --pin, --lang, --plan or --home.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The customer %1 needs a name: it cannot be removed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer %1 was not added: %2 may not add customers. New customers register at a kiosk or at the counter.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::CustomerPanel</name>
    <message>
        <source>Choose a customer on the left.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Album</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Photos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shared with</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disc</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hand in photos…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record to disc…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Index print…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Extend…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re-send notice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Audit trail…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plan: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer since %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (shared by %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>All %n photo(s) of the customer</source>
        <translation>
            <numerusform>All %n photo of the customer</numerusform>
            <numerusform>All %n photos of the customer</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s) in the chosen albums</source>
        <translation>
            <numerusform>%n photo in the chosen albums</numerusform>
            <numerusform>%n photos in the chosen albums</numerusform>
        </translation>
    </message>
    <message>
        <source>Hand in photos from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 new, %2 already handed in, %3 new versions, %4 rejected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Handing in photos for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n sent</source>
        <translation>
            <numerusform>%n sent</numerusform>
            <numerusform>%n sent</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>%n failed</numerusform>
            <numerusform>%n failed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n waiting</source>
        <translation>
            <numerusform>%n waiting</numerusform>
            <numerusform>%n waiting</numerusform>
        </translation>
    </message>
    <message>
        <source>The albums were not changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bring %1 back from the grace period? The album becomes active again and is dated by its rule from today; its disc stays recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restored: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Extend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the chosen album(s) how many days longer?</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Extended by %n day(s).</source>
        <translation>
            <numerusform>Extended by %n day.</numerusform>
            <numerusform>Extended by %n days.</numerusform>
        </translation>
    </message>
    <message>
        <source>No mail server is set up: enter one under Lab › Settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Index print</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>copy deleted on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kept until</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The card may be removed: %n photo(s) stored. Making thumbnails…</source>
        <translation>
            <numerusform>The card may be removed: %n photo stored. Making thumbnails…</numerusform>
            <numerusform>The card may be removed: %n photos stored. Making thumbnails…</numerusform>
        </translation>
    </message>
    <message>
        <source>The card may be removed. Thumbnails: %1 of %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find a customer by code, name, phone or e-mail, or an order by its pickup code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notices about %1: %2 sent, %3 failed, %4 waiting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pickup code %1: %2 — %3 (%4).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::Customers</name>
    <message>
        <source>There is already a customer with the code %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no customer with the code %1. Check the code, or add the customer first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no customer number %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The customers cannot be read from the catalog: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The customer code &quot;%1&quot; is not usable: use 1 to 32 letters, digits, dots, dashes or underscores, e.g. K-00042.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The customer %1 needs a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A PIN has 4 to 8 digits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The name of customer %1 holds a line break or another control character: type it on one line.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::DashboardPanel</name>
    <message>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Album</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expires</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Photos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expiring soon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expired, waiting for their disc</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In their grace period after recording</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notices that failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n album(s)</source>
        <translation>
            <numerusform>%n album</numerusform>
            <numerusform>%n albums</numerusform>
        </translation>
    </message>
    <message>
        <source>Registered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record to disc…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirm registration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registered at the kiosk, to confirm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registration of %1 confirmed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What happened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Photos stored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hand-ins that stopped: hand these cards in again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>interrupted: the program ended before the hand-in did</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopped on an error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Photos waiting to go there</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Devices of the chain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (this device)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy deleted on</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n expiring soon</source>
        <translation>
            <numerusform>%n expiring soon</numerusform>
            <numerusform>%n expiring soon</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n waiting for their disc</source>
        <translation>
            <numerusform>%n waiting for its disc</numerusform>
            <numerusform>%n waiting for their disc</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n in their grace period</source>
        <translation>
            <numerusform>%n in its grace period</numerusform>
            <numerusform>%n in their grace period</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed mail(s)</source>
        <translation>
            <numerusform>%n failed mail</numerusform>
            <numerusform>%n failed mails</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n mail(s) waiting to go out</source>
        <translation>
            <numerusform>%n mail waiting to go out</numerusform>
            <numerusform>%n mails waiting to go out</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n kiosk registration(s) to confirm</source>
        <translation>
            <numerusform>%n kiosk registration to confirm</numerusform>
            <numerusform>%n kiosk registrations to confirm</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n mail(s) waiting</source>
        <translation>
            <numerusform>%n mail waiting</numerusform>
            <numerusform>%n mails waiting</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n mail(s) failed</source>
        <translation>
            <numerusform>%n mail failed</numerusform>
            <numerusform>%n mails failed</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 — no mail server set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — the mail server said: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the lab&apos;s mail server under Lab › Settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the mail server under Lab › Settings, then Re-send notice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recorded on %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::DayDashboard</name>
    <message>
        <source>The day&apos;s albums cannot be read from the catalog: %1. Check that the catalog is reachable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The day&apos;s hand-ins cannot be read from the catalog: %1. Check that the catalog is reachable.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::DeviceClient</name>
    <message>
        <source>The device answered something that is not JSON.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The device&apos;s certificate fingerprint is missing or malformed: give the 64 hex digits that device init or terminal add printed (--fingerprint).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>libcurl could not start a transfer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The device at %1 shows a certificate with fingerprint %2, not the pinned %3: nothing was sent. Check the device&apos;s address and fingerprint (keepsakectl device list on the device).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The device at %1 answered more than a client takes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The device at %1 cannot be reached: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The device at %1 refused this terminal: %2 Pair it again (keepsakectl terminal add on the device) and use the new token.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::DeviceCommands</name>
    <message>
        <source>this data folder as a device of the chain: init, list, remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage: keepsakectl device init|list|remove ...
  init    make this data folder a device: key, certificate, registration
  list    the devices of this catalog
  remove  take a device that holds no photos out of the chain
Example:
  keepsakectl device init --name store-berlin --url https://192.168.1.20:8443
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say what to do with devices: init, list or remove. See: keepsakectl device --help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Makes this data folder a device of the chain: its TLS key (device-key.pem, readable by the owner only) and self-signed certificate (device-cert.pem), registered in the catalog with its URL and the certificate&apos;s fingerprint.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the device&apos;s name in the chain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NAME</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>where terminals and the other devices reach it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A device needs --name and --url (https://HOST:PORT).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This data folder is now device %1 at %2.
Certificate fingerprint (SHA-256): %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>
It kept the key and certificate it had.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>
%n photo(s) stored here before are now kept on this device.</source>
        <translation>
            <numerusform>
%n photo stored here before is now kept on this device.</numerusform>
            <numerusform>
%n photos stored here before are now kept on this device.</numerusform>
        </translation>
    </message>
    <message>
        <source>Lists the devices of this catalog.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n device(s)</source>
        <translation>
            <numerusform>%n device</numerusform>
            <numerusform>%n devices</numerusform>
        </translation>
    </message>
    <message>
        <source>Takes a device out of the chain: refused while it holds photos, owes or awaits forwards, or cameras or customers name it. Its terminals are revoked with it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the device&apos;s name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name one device to remove.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device %1 removed from the chain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>terminals paired with this device: add, list, remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage: keepsakectl terminal add|list|remove ...
  add     pair a kiosk, station or counter with this device; shows its token once
  list    the terminals paired with this device
  remove  revoke a terminal&apos;s token at once
Example:
  keepsakectl terminal add kiosk-1 --kind kiosk
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say what to do with terminals: add, list or remove. See: keepsakectl terminal --help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a device, so no terminal can be paired with it. Make it one first: keepsakectl device init --name NAME --url https://HOST:PORT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pairs a terminal with this device and shows its token, this once: the device keeps only a hash of it. A counter or station acts as the clerk; a kiosk only for a customer signed in on it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the terminal&apos;s name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>kiosk (the default), station or counter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KIND</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name one terminal to pair.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown terminal kind &quot;%1&quot;: say kiosk, station or counter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Terminal %1 (%2) paired with device %3.
URL:         %4
Fingerprint: %5
Token:       %6
The token is shown this once; keep it on the terminal only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lists the terminals paired with this device.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n terminal(s)</source>
        <translation>
            <numerusform>%n terminal</numerusform>
            <numerusform>%n terminals</numerusform>
        </translation>
    </message>
    <message>
        <source>Revokes a terminal at once: its token authenticates nothing from now on, and the customers signed in on it are signed out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name one terminal to remove.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Terminal %1 revoked: its token is no longer accepted.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::DeviceIdentity</name>
    <message>
        <source>%1 could not be written: %2. Check the data folder&apos;s free space and permissions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is a device already (it has %2): a device keeps its key and fingerprint. Use another data folder for another device.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The device&apos;s key and certificate could not be made (OpenSSL).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a device: run keepsakectl device init there first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The device&apos;s key or certificate in %1 cannot be read. Check their owner and permissions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is damaged: it holds no certificate.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::DeviceServer</name>
    <message>
        <source>The device&apos;s key or certificate cannot be used for TLS.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The device service cannot listen on %1 port %2: %3. Is another program using the port?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This device answers only its paired terminals and the chain&apos;s devices: send a terminal token (keepsakectl terminal add).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many requests from this address: wait a minute.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Method not allowed here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No such path: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 may not do this.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No such path.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file is gone.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::DeviceService</name>
    <message>
        <source>%1 has a device certificate that the catalog does not know (was the device removed?): run keepsakectl device init in a new data folder.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::Devices</name>
    <message>
        <source>camera %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>customer %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The device name &quot;%1&quot; is not usable: use 1 to 64 letters, digits, dots, dashes or underscores, e.g. store-berlin.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is already a device named %1 in this catalog (at %2). Choose another name, or remove that device first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate with fingerprint %1 is registered already, as device %2. A device is registered once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no device named %1 in this catalog. See: keepsakectl device list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no device number %1 in this catalog.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No device of this catalog has the certificate fingerprint %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device %1 was not removed: it holds %2 photo(s), and %3 forward(s) to or from it are still owed. Its photos must stay reachable; a device that holds photos stays in the chain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device %1 was not removed: new photos are still routed to it by %2. Move them first (keepsakectl camera remove, keepsakectl customer set C --home DEVICE).</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Device %1 was not removed: %n burn station job(s) of it or for it have not ended (keepsakectl jobs). Let them end or cancel them first.</source>
        <translation>
            <numerusform>Device %1 was not removed: %n burn station job of it or for it has not ended (keepsakectl jobs). Let them end or cancel them first.</numerusform>
            <numerusform>Device %1 was not removed: %n burn station jobs of it or for it have not ended (keepsakectl jobs). Let them end or cancel them first.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Keepsake::DiscCheck</name>
    <message>
        <source>%1: listed in the manifest but not on the disc</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the disc records no MD5 for it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: its MD5 on the disc (%2) is not the manifest&apos;s (%3)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::DiscCommands</name>
    <message>
        <source>drives with their media</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lists the optical drives of this machine with the disc in each (type, status, free space, erasable). An image file is always available as stdio:/path/disc.iso.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>: %1, %2, %3 free%4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, erasable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No optical drives found. Image files: --drive stdio:/path/disc.iso</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n drive(s); image files: --drive stdio:/path/disc.iso</source>
        <translation>
            <numerusform>%n drive; image files: --drive stdio:/path/disc.iso</numerusform>
            <numerusform>%n drives; image files: --drive stdio:/path/disc.iso</numerusform>
        </translation>
    </message>
    <message>
        <source> into %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, a later run with a new blank disc</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disc %1 (%2%3%4): %5 of %6</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, appended to the disc in the drive</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>  album %1 &apos;%2&apos;: %n photo(s), %3</source>
        <translation>
            <numerusform>  album %1 &apos;%2&apos;: %n photo, %3</numerusform>
            <numerusform>  album %1 &apos;%2&apos;: %n photos, %3</numerusform>
        </translation>
    </message>
    <message>
        <source>record a customer&apos;s expired albums onto a disc</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plans, writes and verifies a disc with the customer&apos;s expired albums (or the albums named). A disc the customer brought back gets a new session after its manifest and customer are checked. Albums count as recorded only after verification.

When the albums need several discs: an album larger than a whole disc is split in capture order into parts, folders &quot;DATE TITLE (1 of 2)&quot;, and counts as recorded once its last part is verified. With an image file every disc is burned in this run: disc 1 into the file named, disc N into NAME-N.iso beside it (these must not exist yet). With a real drive one disc is burned a run: insert the next blank disc and run the same command again; it plans what is still to record. Each disc is verified and recorded on its own.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the customer whose albums go onto the disc</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>these albums instead of the expired ones</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ALBUM,...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the drive, or stdio:/path/image.iso</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DRIVE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the medium: cd, dvd, dvd-dl, bd, bd-dl (image file: dvd)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KIND</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the medium&apos;s capacity in bytes, for media not listed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BYTES</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>show the plan, write nothing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>print index sheet and receipt there instead of PDFs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NAME</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say whose albums and which drive: --customer CODE --drive DRIVE.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--capacity takes a number of bytes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Disc %1, session %2: %n album(s) recorded and verified (%3 files); pickup code %4.</source>
        <translation>
            <numerusform>Disc %1, session %2: %n album recorded and verified (%3 files); pickup code %4.</numerusform>
            <numerusform>Disc %1, session %2: %n albums recorded and verified (%3 files); pickup code %4.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n album(s) only in part: recorded once their last part is verified.</source>
        <translation>
            <numerusform>%n album only in part: recorded once their last part is verified.</numerusform>
            <numerusform>%n albums only in part: recorded once their last part is verified.</numerusform>
        </translation>
    </message>
    <message>
        <source>Image: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>verified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>written</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>albums prepared</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer %1 has no expired albums: nothing to record.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dry run: nothing was written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n more disc(s) are planned: insert the next blank disc and run the same command again.</source>
        <translation>
            <numerusform>%n more disc is planned: insert the next blank disc and run the same command again.</numerusform>
            <numerusform>%n more discs are planned: insert the next blank disc and run the same command again.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n disc(s) written in %1 s, verified in %2 s.</source>
        <translation>
            <numerusform>%n disc written in %1 s, verified in %2 s.</numerusform>
            <numerusform>%n discs written in %1 s, verified in %2 s.</numerusform>
        </translation>
    </message>
    <message>
        <source>The disc is recorded, but the prints failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>read a disc back and check its MD5s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reads the disc back and checks the session&apos;s MD5 and every file&apos;s recorded MD5, and that every photo KEEPSAKE.JSON lists carries the MD5 the manifest gives it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name the drive: --drive DRIVE.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MISMATCH %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Session and %n file(s) match their recorded MD5s; %1 photo(s) match the manifest&apos;s MD5s.</source>
        <translation>
            <numerusform>Session and %n file match their recorded MD5s; %1 photo match the manifest&apos;s MD5s.</numerusform>
            <numerusform>Session and %n files match their recorded MD5s; %1 photos match the manifest&apos;s MD5s.</numerusform>
        </translation>
    </message>
    <message>
        <source>Verification failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Verification failed: %n photo(s) on the disc do not match the manifest&apos;s MD5s.</source>
        <translation>
            <numerusform>Verification failed: %n photo on the disc does not match the manifest&apos;s MD5s.</numerusform>
            <numerusform>Verification failed: %n photos on the disc do not match the manifest&apos;s MD5s.</numerusform>
        </translation>
    </message>
    <message>
        <source>show a disc&apos;s manifest (disc show --drive DRIVE)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shows the manifest of a Keepsake disc: customer, lab, sessions, albums.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the sub-command</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say: keepsakectl disc show --drive DRIVE.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The disc in %1 is not a Keepsake disc (no manifest).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disc %1 of customer %2 (%3), made by %4; signature: %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this lab&apos;s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NOT this lab&apos;s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  session %1, %2:</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>    %1: %n photo(s)</source>
        <translation>
            <numerusform>    %1: %n photo</numerusform>
            <numerusform>    %1: %n photos</numerusform>
        </translation>
    </message>
    <message>
        <source>cannot be checked: this lab has no key yet, as it has made no disc</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the drives of this burn station of the chain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DEVICE</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Station %1: %n drive(s); image files: --drive stdio:/absolute/path/disc.iso on the station.</source>
        <translation>
            <numerusform>Station %1: %n drive; image files: --drive stdio:/absolute/path/disc.iso on the station.</numerusform>
            <numerusform>Station %1: %n drives; image files: --drive stdio:/absolute/path/disc.iso on the station.</numerusform>
        </translation>
    </message>
    <message>
        <source>record on this burn station of the chain (DRIVE as it names it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job %1 queued on station %2 (drive %3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was recorded in the catalog: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disc %1 is recorded as verified: the lab&apos;s copies of its albums may be purged once their grace period ends.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disc %1 is recorded as not verified: the lab keeps its copies of the disc&apos;s albums. Verify the disc again, or restore the albums and burn them anew.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::DiscDrive</name>
    <message>
        <source>The disc libraries could not start: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>blank</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>appendable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>full (closed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no usable disc</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The drives could not be listed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no drive at %1 (%2). &apos;keepsakectl drives&apos; lists the drives; an image file is named stdio:/path/disc.iso.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The disc in %1 could not be read: %2. Check the disc and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 could not be read from the disc in %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 could not be put on the disc as %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cover entry %1 could not be made: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A second drive was opened while this burn still holds one. Close the first drive before opening another; this is a fault in Keepsake, please report it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A disc is being recorded or read by this program right now. The drives can be listed when it is done.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::DiscLayout</name>
    <message>
        <source>%1 could not be prepared for the disc: %2. Check the free space of %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No picture could be made of %1 for the disc&apos;s viewer: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The viewer picture of %1 could not be saved to %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled while preparing album &apos;%1&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2 of %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The stored original of %1 (album &apos;%2&apos;) could not be read: %3. Check the store with keepsakectl check.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No MD5 could be computed for %1 (album &apos;%2&apos;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (album &apos;%2&apos;) is kept on device %3, and this data folder cannot fetch files from other devices (it is no device of the chain, or its certificate cannot be read). Nothing was recorded; the albums stay expired. Burn on a device of the chain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (album &apos;%2&apos;) is kept on device %3, and it could not be fetched from there: %4 Nothing was recorded; the albums stay expired. Burn again once device %3 serves it (keepsakectl serve there, reachable from here).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The stored original of %1 (album &apos;%2&apos;) is damaged: its bytes are no longer those it was stored with (its size or checksum differs), so it cannot go onto a disc. Nothing was recorded. Run keepsakectl check, and hand the photo in again from the customer&apos;s card or a backup.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::DiscManifest</name>
    <message>
        <source>This disc&apos;s KEEPSAKE.JSON is not a Keepsake disc manifest.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>another lab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This disc was made by %1, not by this lab (its manifest is signed with another key). Nothing can be added to it here: please use a new disc.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This disc was made by this lab, but its manifest has been altered or damaged since (the signature no longer matches). Nothing can be added to it: please use a new disc.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::DiscPlanner</name>
    <message>
        <source>The disc in the drive has only %1 free; the albums need more. Insert a blank disc and burn again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The medium in the drive is too small: it has %1 free, and the smallest album needs more. Insert a larger or blank disc.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2 of %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A photo of album &apos;%1&apos; (%2) is larger than a whole %3 (%4). Choose a larger medium with --media.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::DiscRecord</name>
    <message>
        <source>No disc ID could be reserved in the catalog %1; try again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::DiscVerification</name>
    <message>
        <source>Only the lab verifies discs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verification cancelled; nothing was recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The disc could not be read back: %1. Nothing was recorded; clean the disc and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the disc has no Keepsake manifest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the manifest cannot be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the catalog records no disc %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::DiscViewer</name>
    <message numerus="yes">
        <source>%n photo(s)</source>
        <translation>
            <numerusform>%n photo</numerusform>
            <numerusform>%n photos</numerusform>
        </translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous photo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next photo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A browser cannot show this photo (%1). The original is on the disc:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the original file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your photos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your photos from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All albums</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disc %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::EntryPage</name>
    <message>
        <source>OK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::ExpiryCommands</name>
    <message numerus="yes">
        <source>album %1 &quot;%2&quot; (%3, %n photo(s)): %4 -&gt; %5, %6</source>
        <translation>
            <numerusform>album %1 &quot;%2&quot; (%3, %n photo): %4 -&gt; %5, %6</numerusform>
            <numerusform>album %1 &quot;%2&quot; (%3, %n photos): %4 -&gt; %5, %6</numerusform>
        </translation>
    </message>
    <message>
        <source>; told: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mailed %1 about album %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NOT mailed %1 about album %2, stays queued: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>one expiry sweep: notices, expired albums</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runs one expiry sweep: albums reaching their notice window become expiring and owner and viewers are told; albums past their date become expired. Then the mails go out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>show what would change, change nothing, send nothing</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n album(s) waiting in their notice window</source>
        <translation>
            <numerusform>%n album waiting in their notice window</numerusform>
            <numerusform>%n albums waiting in their notice window</numerusform>
        </translation>
    </message>
    <message>
        <source>Dry run, nothing changed: %1, %2, %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n notice(s)</source>
        <translation>
            <numerusform>%n notice</numerusform>
            <numerusform>%n notices</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n album(s) would expire</source>
        <translation>
            <numerusform>%n album would expire</numerusform>
            <numerusform>%n albums would expire</numerusform>
        </translation>
    </message>
    <message>
        <source>%1, %2, %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n notice(s) issued</source>
        <translation>
            <numerusform>%n notice issued</numerusform>
            <numerusform>%n notices issued</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n album(s) expired</source>
        <translation>
            <numerusform>%n album expired</numerusform>
            <numerusform>%n albums expired</numerusform>
        </translation>
    </message>
    <message>
        <source>The notices are queued but were not delivered: %1 Run keepsakectl notify --retry later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> Mail: %1 sent, %2 failed, %3 queued.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> No mail server is configured (smtp.host): the mails stay queued, terminal notices are stored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>deliver the notices the outbox holds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivers queued notice mails whose time has come; --retry sends every waiting and failed one now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>also mails waiting for their next try, and failed ones</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mail: %1 sent, %2 failed, %3 queued.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> No mail server is configured: set one with keepsakectl config set smtp.host HOST.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>delete originals past their grace period on a verified disc</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deletes the stored originals of recorded albums whose disc was verified and whose grace period is over. The record of what went on which disc stays.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>only this album (refused, exit 4, when it may not go yet)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ALBUM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the album&apos;s owner, to name the album by its title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>show what would be deleted, delete nothing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>would purge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>purged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>keeps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>album %1 &quot;%2&quot; (%3): %4: %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Dry run: %n album(s) would be purged (%1).</source>
        <translation>
            <numerusform>Dry run: %n album would be purged (%1).</numerusform>
            <numerusform>Dry run: %n albums would be purged (%1).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n album(s) purged (%1 freed).</source>
        <translation>
            <numerusform>%n album purged (%1 freed).</numerusform>
            <numerusform>%n albums purged (%1 freed).</numerusform>
        </translation>
    </message>
    <message>
        <source>run the sweeps on a timer until stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>seconds between rounds (default 3600)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SECONDS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--interval takes a number of seconds from 0.05 to 604800.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Serving %1: a round every %2 s; stop with Ctrl-C.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>round: %1, %2 expired, mail %3 sent / %4 failed / %5 queued, %6 purged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>round failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runs the expiry sweep, mail delivery and purge now and then every interval, until Ctrl-C or SIGTERM. On a device (keepsakectl device init) it also serves the device service over HTTPS and forwards photos to the devices that keep them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>address and port to serve on (default: from the device&apos;s URL)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HOST:PORT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a device: run keepsakectl device init --name NAME --url https://HOST:PORT first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--listen takes HOST:PORT, e.g. 127.0.0.1:8443.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Device %1 serves on %2 (fingerprint %3).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::ExpiryReason</name>
    <message>
        <source>rule &apos;%1&apos;, last viewed on %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rule &apos;%1&apos;, not viewed since the hand-in on %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rule &apos;%1&apos;, the customer&apos;s plan ends on %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rule &apos;%1&apos;, while the customer&apos;s plan lasts (no end date)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rule &apos;%1&apos;, handed in on %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>recorded on disc %1 on %2; hidden from customers, originals kept for the grace period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(not named)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>recorded on disc %1; originals deleted on %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>kept: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expired on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expires on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: extended on %2 (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: moved on %2 so that owner and viewers get the full notice (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: brought forward on %2, the customer is over the storage cap (%3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: restored from its disc on %2, rule &apos;%3&apos; counted from then</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::ExpirySweep</name>
    <message>
        <source>the customer&apos;s albums under rule &apos;%1&apos; are over its cap of %2; the oldest go first: brought forward to %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expires on %1: owner and viewers were told on %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>expires on %1: notice window of %n day(s) reached</source>
        <translation>
            <numerusform>expires on %1: notice window of %n day reached</numerusform>
            <numerusform>expires on %1: notice window of %n days reached</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>the notice went out less than %n day(s) ahead; the date moved so that owner and viewers get the full notice</source>
        <translation>
            <numerusform>the notice went out less than %n day ahead; the date moved so that owner and viewers get the full notice</numerusform>
            <numerusform>the notice went out less than %n days ahead; the date moved so that owner and viewers get the full notice</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>was due on %1 but nobody had been told: notice issued today, date moved to %2 (%n day(s) notice)</source>
        <translation>
            <numerusform>was due on %1 but nobody had been told: notice issued today, date moved to %2 (%n day notice)</numerusform>
            <numerusform>was due on %1 but nobody had been told: notice issued today, date moved to %2 (%n days notice)</numerusform>
        </translation>
    </message>
    <message>
        <source>expired at the end of %1; owner and viewers were told on %2; waits for its disc</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>due on %1, less than %n day(s) away, and nobody had been told: notice issued today, date moved to %2</source>
        <translation>
            <numerusform>due on %1, less than %n day away, and nobody had been told: notice issued today, date moved to %2</numerusform>
            <numerusform>due on %1, less than %n days away, and nobody had been told: notice issued today, date moved to %2</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Keepsake::FileInspector</name>
    <message>
        <source>the file cannot be read (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file is empty (0 bytes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file cannot be read to its end (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file is too large for a photo (%1 MB; Keepsake takes photos up to %2 MB)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::FileRoutes</name>
    <message>
        <source>A piece of a file needs its SHA-256, size and offset.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A piece of a file needs its SHA-256, offset and length.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This device does not hold the file %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The offset lies past the file&apos;s end.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A thumbnail is named by its file&apos;s SHA-256, and its size is grid or print.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This device does not keep the file %1, so it has no thumbnail of it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name a file by its SHA-256.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 Make room on the device&apos;s disk.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::Forwarder</name>
    <message>
        <source>The device is stopping.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file of photo %1 (%2) is missing from this device&apos;s store: run keepsakectl check.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::GPhotoCamera</name>
    <message>
        <source>another program is using the camera (a photo manager, or the desktop&apos;s file browser): close it, then unplug the camera and plug it in again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the camera does not answer: it may have been unplugged, switched off or gone to sleep. Plug it in, wake it (unlock a phone) and try again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the camera refused: a phone shows its photos only while it is unlocked and allows this computer in (&quot;Trust&quot; on an iPhone; &quot;File transfer&quot; or &quot;PTP&quot; on Android). Unlock it, allow access, then unplug it and plug it in again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is not on the camera (any more)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the camera sent damaged data: try again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no such camera model or port (`keepsakectl usb` lists the cameras connected now)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this computer ran out of memory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>libgphoto2 could not do it; unplug the camera, plug it in again and try again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The cameras on USB cannot be listed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The folder %1 of %2 cannot be listed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The files in %1 of %2 cannot be listed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be copied: no file descriptor is left.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be copied from %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 could not be copied from %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 no longer answers: it may have been unplugged, switched off or gone to sleep. Plug it in, wake it (unlock a phone) and hand it in again: what was stored is recognised (libgphoto2: %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 (libgphoto2: %3).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::HandinLiveness</name>
    <message>
        <source>The hand-in cannot mark itself as running in %1: %2. Check the data folder&apos;s permissions and free space.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::HandinReceipts</name>
    <message>
        <source>There is no hand-in %1, so there is no receipt to print.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The receipt of hand-in %1 cannot be made: no temporary folder (%2). Check the free space of the temporary folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The receipt of hand-in %1 was made but cannot be read back: %2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::HandinReception</name>
    <message>
        <source>%1 may not hand in photos for customer %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The spool folder %1 cannot be made: check the data folder&apos;s free space and permissions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No hand-in %1 is open here for this terminal: start the hand-in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offer at most %1 files at a time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The hand-in %1 takes no more files: it is %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A hand-in takes at most %1 files.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a path or size the device does not take</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the device has %2 bytes of it; send from there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 arrived damaged (its SHA-256 differs from the one sent with it): send it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has not fully arrived (%2 of %3 bytes): send the rest first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be spooled: %2 Check the device&apos;s free space.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The hand-in %1 stopped: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was offered before and decided already</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has arrived already with other bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was not offered to this hand-in.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::HandinRoutes</name>
    <message>
        <source>A piece of a file needs a safe relative path and an offset.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::HandinWriter</name>
    <message>
        <source>The catalog cannot start storing photos: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The catalog did not keep the stored photos (%1). They were not counted as received; hand the card in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be read (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be read to its end (%2).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::ImageDecoder</name>
    <message>
        <source>The file is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file cannot be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The picture data is damaged: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The picture is too large to open safely (%1 × %2 pixels).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file ends before any picture data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the picture has no size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the HEIF decoder gave up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the HEIF decoder returned no picture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file is a video (MP4 or QuickTime)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file is an AVIF picture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file is a WebP picture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file is a GIF picture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file is a JPEG 2000 picture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file is a BMP picture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file is a PDF document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its content is not a picture format Keepsake knows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is not a photo Keepsake accepts: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>camera RAW</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the camera left no preview in this RAW file that Keepsake can show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The RAW picture data is incomplete (file truncated?): neither the camera&apos;s preview nor its raw data can be read from the file. Copy the photo from the camera again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The RAW file is damaged: its structure sends the RAW reader round in circles, so it was not read to the end. Copy the photo from the camera again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::ImportPage</name>
    <message>
        <source>New photos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Already handed in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New versions of earlier photos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not taken</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading your photos from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>same as %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>same as %1, on disc %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n file(s)</source>
        <translation>
            <numerusform>%n file</numerusform>
            <numerusform>%n files</numerusform>
        </translation>
    </message>
    <message>
        <source>Stopped. The photos read so far are kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 new, %2 already handed in, %3 new versions, %4 not taken.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show my albums</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s) to read (%1)</source>
        <translation>
            <numerusform>%n photo to read (%1)</numerusform>
            <numerusform>%n photos to read (%1)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n photo(s) read</source>
        <translation>
            <numerusform>%1 of %n photo read</numerusform>
            <numerusform>%1 of %n photos read</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not all photos could be handed in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You may take your card now: every photo is stored. Previews are being made.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You may take your card now. Previews: %1 of %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done. You may take your card.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copying your photos from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n file(s) copied</source>
        <translation>
            <numerusform>%1 of %n file copied</numerusform>
            <numerusform>%1 of %n files copied</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>You may unplug your camera or phone now: %n file(s) copied.</source>
        <translation>
            <numerusform>You may unplug your camera or phone now: %n file copied.</numerusform>
            <numerusform>You may unplug your camera or phone now: %n files copied.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) could not be copied: see below.</source>
        <translation>
            <numerusform>%n file could not be copied: see below.</numerusform>
            <numerusform>%n files could not be copied: see below.</numerusform>
        </translation>
    </message>
    <message>
        <source>Every photo is stored. Previews are being made.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previews: %1 of %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done. You may unplug your camera or phone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kept: it looks like a photo you handed in on %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kept: it looks like a photo you handed in on %1 (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n look(s) like photos you handed in before; they were kept.</source>
        <translation>
            <numerusform>%n looks like a photo you handed in before; it was kept.</numerusform>
            <numerusform>%n look like photos you handed in before; they were kept.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Keepsake::IndexSheet</name>
    <message>
        <source>The index sheet cannot be drawn: the printer or PDF file did not open for painting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The printer or PDF file refused a new page; check the free space and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The index sheet was cancelled; nothing was printed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No photos.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The index sheet could not be finished; check the free space and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (customer %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not yet on disc</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disc %1, recorded on %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Album(s): %1</source>
        <translation>
            <numerusform>Album: %1</numerusform>
            <numerusform>Albums: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Selection: %1 of %n photo(s)</source>
        <translation>
            <numerusform>Selection: %1 of %n photo</numerusform>
            <numerusform>Selection: %1 of %n photos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s)</source>
        <translation>
            <numerusform>%n photo</numerusform>
            <numerusform>%n photos</numerusform>
        </translation>
    </message>
    <message>
        <source>no picture</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no capture date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · cover</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::IngestCommand</name>
    <message>
        <source>hand in a card or folder for a customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the customer handing the photos in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>put every photo into the customer&apos;s album of this title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TITLE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>store photos already received anyway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>read every file whole (no header shortcut)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>do not make thumbnails now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cards or folders to hand in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PATH...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say whose photos these are: --customer CODE.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hand-in %1 for %2 (pickup code %3): %4 new, %5 already received, %6 new versions, %7 rejected; %8 stored in %9 s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled: the photos listed above are stored; hand the card in again to finish.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The card may be removed: %n photo(s) stored safely.</source>
        <translation>
            <numerusform>The card may be removed: %n photo stored safely.</numerusform>
            <numerusform>The card may be removed: %n photos stored safely.</numerusform>
        </translation>
    </message>
    <message>
        <source>thumbnails</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hands in the photos of a card or folder, or of a camera or phone on USB: stores the ones not received before and sorts them into albums.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>hand in the camera or phone at this USB port (see: keepsakectl usb)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PORT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its model, when autodetect does not name it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MODEL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hand in either a card or folder, or a camera with --usb, not both.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name the card or folder to hand in, or a camera with --usb PORT.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>copied</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The camera may be unplugged: %n file(s) copied from it.</source>
        <translation>
            <numerusform>The camera may be unplugged: %n file copied from it.</numerusform>
            <numerusform>The camera may be unplugged: %n files copied from it.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s) stored safely.</source>
        <translation>
            <numerusform>%n photo stored safely.</numerusform>
            <numerusform>%n photos stored safely.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Keepsake::IngestJob</name>
    <message>
        <source>Name the card or folder to hand in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 does not exist. Check the card is inserted and the path is right.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The folder %1 cannot be read. Check its permissions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No hand-in could be started.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no picture could be read from the file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a new version of %1 (photo %2): the same shot by its camera data, with other bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 could not be stored: </source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The hand-in stopped: %1 %n photo(s) of it were stored before; they stay in the catalog. Solve the problem (free space in the data folder, for one) and hand the card in again: what is stored is recognised, the rest is taken in.</source>
        <translation>
            <numerusform>The hand-in stopped: %1 %n photo of it was stored before; it stays in the catalog. Solve the problem (free space in the data folder, for one) and hand the card in again: what is stored is recognised, the rest is taken in.</numerusform>
            <numerusform>The hand-in stopped: %1 %n photos of it were stored before; they stay in the catalog. Solve the problem (free space in the data folder, for one) and hand the card in again: what is stored is recognised, the rest is taken in.</numerusform>
        </translation>
    </message>
    <message>
        <source>The hand-in does not say where its files come from: name its source.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::JobDialog</name>
    <message>
        <source>Print receipt…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pickup code: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::JobProgress</name>
    <message>
        <source>Stopping after the current file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::KioskRegistrations</name>
    <message>
        <source>The kiosk registrations cannot be read: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The registration of customer %1 is recorded by the kiosk, the customer or the clerk, not by %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no customer %1 whose registration could be recorded; register them again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New customers register at a kiosk before they sign in, or at the counter; %1 may not register one.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::KioskWindow</name>
    <message>
        <source>Checking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keepsake — Photo kiosk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A caption for this photo (it goes onto your disc and prints; leave it empty for none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printing your receipt…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your receipt is printed: take it from the printer.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::Lab</name>
    <message>
        <source>The data folder %1 cannot be created (%2). Check the path and its permissions, or choose another with --data-dir.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::LabDevice</name>
    <message>
        <source>The device URL &quot;%1&quot; is not usable: give https://HOST:PORT, the address its terminals and the other devices reach it at, e.g. https://192.168.1.20:8443.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only the lab&apos;s clerk makes a data folder a device, not %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is device %2 already. A data folder is one device; use another data folder for another device.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is already a device named %1 in this catalog (at %2). Choose another name.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::LabKey</name>
    <message>
        <source>The lab key could not be encoded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The lab key %1 cannot be read: %2. Check its owner and permissions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The lab key %1 is damaged: it is not an Ed25519 key. Restore it from a backup; without it the lab&apos;s discs cannot be appended to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A lab key could not be made.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The lab key could not be saved to %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The lab key %1 could not be used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The disc manifest could not be signed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This lab has no key yet (%1): it has made no disc, so no disc can be checked as its own yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A lab key of the chain is damaged in the catalog: its public key has %1 bytes, not 32.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The disc manifest could not be signed: this is another device&apos;s key, known here by its public half only.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::LabKeys</name>
    <message>
        <source>The catalog holds another public key under the lab key ID %1. Discs signed with this data folder&apos;s key cannot be told apart from another&apos;s: ask the chain&apos;s administrator to check the table lab_keys.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::LabRoutes</name>
    <message>
        <source>An album is named by its ID here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customers sign in at a kiosk terminal.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::MailAddress</name>
    <message>
        <source>&quot;%1&quot; is not an e-mail address: it holds a line break or another control character.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an e-mail address: write it as name@example.com, without spaces or quotes.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::MetadataReader</name>
    <message>
        <source>The file is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The photo&apos;s metadata cannot be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::NoticeCards</name>
    <message>
        <source>Album: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shared with you: the album has expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shared with you: the album expires soon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could be viewed until %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You can view it until %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Look at it before then: after that only its owner gets it back, on disc.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your album has expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your album expires soon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expired on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kept until %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It is recorded on a disc for you. To keep it longer instead, ask at the counter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To keep it longer, ask at the counter. Otherwise it is recorded on a disc for you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recorded on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shared with you: the album went to its owner on disc</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You can no longer view it here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your album is on a disc</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recorded on %1. The lab deletes its copy on %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick up your disc at the counter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick up disc %1 at the counter with the code %2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::NoticeDelivery</name>
    <message>
        <source>Delivery of the notices was cancelled; the rest stay queued.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::NoticeMail</name>
    <message>
        <source>Your album &quot;%1&quot; will be recorded on disc after %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The album &quot;%1&quot; shared with you will be recorded on disc after %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The album &quot;%1&quot; is on disc %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hello %1,</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>your album &quot;%1&quot; with %n photo(s) is kept at %2 until %3.</source>
        <translation>
            <numerusform>your album &quot;%1&quot; with %n photo is kept at %2 until %3.</numerusform>
            <numerusform>your album &quot;%1&quot; with %n photos is kept at %2 until %3.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%4 shared the album &quot;%1&quot; with %n photo(s) with you. It is kept at %2 until %3.</source>
        <translation>
            <numerusform>%4 shared the album &quot;%1&quot; with %n photo with you. It is kept at %2 until %3.</numerusform>
            <numerusform>%4 shared the album &quot;%1&quot; with %n photos with you. It is kept at %2 until %3.</numerusform>
        </translation>
    </message>
    <message>
        <source>After that day the photos are recorded onto a disc that comes back to %1 at the counter, and they are no longer shown online or at the kiosk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To keep the album longer, ask at the counter or reply to this mail: the lab can extend it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>the album &quot;%1&quot; with %n photo(s) was recorded onto disc %2 on %3.</source>
        <translation>
            <numerusform>the album &quot;%1&quot; with %n photo was recorded onto disc %2 on %3.</numerusform>
            <numerusform>the album &quot;%1&quot; with %n photos was recorded onto disc %2 on %3.</numerusform>
        </translation>
    </message>
    <message>
        <source>The disc is ready at the counter; the pickup code is %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The album is no longer shown online or at the kiosk; the lab deletes its copy %n day(s) after recording.</source>
        <translation>
            <numerusform>The album is no longer shown online or at the kiosk; the lab deletes its copy %n day after recording.</numerusform>
            <numerusform>The album is no longer shown online or at the kiosk; the lab deletes its copy %n daies after recording.</numerusform>
        </translation>
    </message>
    <message>
        <source>you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind regards,</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>See the album on the lab&apos;s web page (this link works once): %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::NoticeMails</name>
    <message>
        <source>How the notice mails went is shown to the clerk only (they name every recipient), not to %1; ask at the counter.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::NoticesPage</name>
    <message>
        <source>Your notices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No notices. Your albums are kept until the dates shown with them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tap a notice to read all of it. To keep an album longer, ask at the counter.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::PdfTextFix</name>
    <message>
        <source>The PDF %1 was written but its text could not be checked (%2). Try again; if it keeps failing, report this message.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::PhoneAddresses</name>
    <message>
        <source>Phones can hand in only at a lab whose data folder is a device that serves: run keepsakectl device init, then keepsakectl serve.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::PhoneHandins</name>
    <message>
        <source>This upload address takes no more photos (it was used, or 15 minutes have passed): ask the kiosk for a new code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offer %1 before sending it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::PhonePage</name>
    <message>
        <source>Making your code…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s) received</source>
        <translation>
            <numerusform>%n photo received</numerusform>
            <numerusform>%n photos received</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s) received. Putting them into your albums…</source>
        <translation>
            <numerusform>%n photo received. Putting it into your albums…</numerusform>
            <numerusform>%n photos received. Putting them into your albums…</numerusform>
        </translation>
    </message>
    <message>
        <source>The photos from your phone could not be handed in: %1 Tap &quot;New code&quot; to try again, or ask at the counter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The photos from your phone could not be handed in. Tap &quot;New code&quot; to try again, or ask at the counter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This code has expired. Tap &quot;New code&quot; for another one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n new photo(s) are in your albums.</source>
        <translation>
            <numerusform>%n new photo is in your albums.</numerusform>
            <numerusform>%n new photos are in your albums.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n you had handed in before.</source>
        <translation>
            <numerusform>%n you had handed in before.</numerusform>
            <numerusform>%n you had handed in before.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n are new versions of photos you had handed in.</source>
        <translation>
            <numerusform>%n is a new version of a photo you had handed in.</numerusform>
            <numerusform>%n are new versions of photos you had handed in.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n could not be taken: Keepsake keeps photos only.</source>
        <translation>
            <numerusform>%n could not be taken: Keepsake keeps photos only.</numerusform>
            <numerusform>%n could not be taken: Keepsake keeps photos only.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The code works for %n more minute(s).</source>
        <translation>
            <numerusform>The code works for %n more minute.</numerusform>
            <numerusform>The code works for %n more minutes.</numerusform>
        </translation>
    </message>
    <message>
        <source>Hand in from your phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan this code with your phone&apos;s camera. Your phone opens the lab&apos;s page: choose your photos there and send them. They arrive here in a moment, as they are, with nothing made smaller.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to my albums</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::PhoneUploads</name>
    <message>
        <source>This upload address is unknown: scan the code the kiosk shows again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This upload address has expired or was used: ask the kiosk for a new code.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::PhotoCaptions</name>
    <message>
        <source>Caption…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the caption of the chosen photo (also a double-click on it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Caption</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Caption of %1 (empty removes it):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The caption of %1 was removed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The caption of %1 is saved.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::PhotoCommand</name>
    <message>
        <source>a photo&apos;s caption (photo caption --photo PHOTO --text TEXT)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage: keepsakectl photo caption --photo PHOTO --text TEXT
  caption   set or clear a photo&apos;s caption
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say what to do: keepsakectl photo caption ...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no &apos;photo %1&apos;; try keepsakectl photo caption.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sets a photo&apos;s caption: it goes into the photo&apos;s sidecar and album.json on its disc and under its picture on index prints. --text &quot;&quot; clears it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the photo&apos;s ID, as photos --json prints it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PHOTO</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the caption; empty clears it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TEXT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name the photo by its ID: --photo PHOTO (keepsakectl photos --album ALBUM lists them).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the caption: --text TEXT (--text &quot;&quot; clears it).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Photo %1: caption cleared</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Photo %1: caption &quot;%2&quot;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::PhotoGridModel</name>
    <message>
        <source>★ %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1
Taken: %2
Camera: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::PhotoThumbnails</name>
    <message>
        <source>No device of the chain keeps the file %1, so it has no thumbnail. Run keepsakectl check on the devices.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::PhotoViewPage</name>
    <message>
        <source>This photo cannot be shown large.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous photo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next photo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — photo %2 of %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Caption</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write or change this photo&apos;s caption</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::PickupLookup</name>
    <message>
        <source>Orders are found by their pickup code at the counter only; %1 may not look them up.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the pickup code from the receipt, e.g. ABCD-EFGH, or scan its QR code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No hand-in and no disc has the pickup code %1. Check the code on the receipt (codes have no 0, O, 1, I or L).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::PickupSearch</name>
    <message>
        <source>Pickup code %1: %2 — %3 (%4).</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>disc %1 session %2 of %3, %n photo(s)</source>
        <translation>
            <numerusform>disc %1 session %2 of %3, %n photo</numerusform>
            <numerusform>disc %1 session %2 of %3, %n photos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>hand-in of %1, %n photo(s)</source>
        <translation>
            <numerusform>hand-in of %1, %n photo</numerusform>
            <numerusform>hand-in of %1, %n photos</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Keepsake::PieceFile</name>
    <message>
        <source>%1 cannot be written: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be read: %2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::PinDialog</name>
    <message>
        <source>New PIN for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new PIN for %1 (%2), to sign in at the kiosk: 4 to 8 digits. The old PIN stops working.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tell %1 this PIN now: it is shown only here, and the lab keeps no copy it can read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a PIN of 4 to 8 digits, or let the window make one.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::PinLockout</name>
    <message>
        <source>Too many failed sign-ins at this kiosk. Signing in here is paused until %1; please ask at the counter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too many wrong PINs. This code is locked until %1. Please ask at the counter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The customer code or the PIN is not right. Attempts left: %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::PrintCommand</name>
    <message>
        <source>index sheets and receipts, to PDF or a printer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage: keepsakectl print SUB-COMMAND ...
  index     index sheet of albums or of a disc (claims 8, 9)
  receipt   receipt of a hand-in or disc order, with its pickup code
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown print sub-command &quot;%1&quot;. See: keepsakectl print --help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>write a PDF file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FILE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>send to this CUPS printer queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NAME</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say where the print goes: --pdf FILE or --printer NAME (one of them).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown paper &quot;%1&quot;; use %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Orientation is portrait or landscape, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>printer %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Index sheet: %1 photo(s) on %2 page(s) to %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Receipt with pickup code %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prints the index sheet of albums or of a disc: every photo as a thumbnail with its frame number, file name and capture date, the cover marked. Without --select, each album&apos;s stored print selection (none: all photos).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the albums&apos; owner (to name albums by title)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an album (ID, or title with --customer); repeatable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ALBUM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>what was recorded onto this disc</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DISC</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>with --disc: only this recording session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>N</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>only these photos (IDs or original names), comma-separated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PHOTO</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a4 (default), letter, 10x15 or 4x6</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PAPER</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>portrait or landscape (photo paper: landscape)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>O</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>photos per row (default: 5 on A4 portrait)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name the albums (--album ALBUM) or the disc (--disc DISC), not both.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--columns takes a number from 1 to 20.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>photos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prints a receipt: the customer, what was handed in, the albums and their dates, the discs, and the pickup code as text and QR code. Without --handin or --disc, the customer&apos;s latest hand-in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this hand-in instead of the latest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the disc order of this disc instead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>with --disc: this recording session (default: the latest)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>80mm (roll, default), a4 or letter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name the customer: --customer CODE.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give --handin or --disc, not both.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--handin takes a hand-in&apos;s number (the &quot;handin&quot; of the ingest summary).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disc %1 was recorded for another customer; nothing was printed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::PrintJobs</name>
    <message>
        <source>Index print %1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Receipt %1 %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::PrintOutput</name>
    <message>
        <source>The folder %1 cannot be made; check its permissions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No PDF can be written into %1: %2. Check the free space and permissions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The page layout of %1 was refused by the PDF writer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The PDF %1 could not be written: %2. Check the free space.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The PDF %1 could not be put in place; check the folder&apos;s permissions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The print command lp could not be started (%1). Install CUPS&apos;s client (package cups-client) or print to a PDF file instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The printer %1 did not take the job within two minutes; check CUPS with lpstat -p %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The printer %1 did not take the job: %2. Check the queue&apos;s name with lpstat -p, or print to a PDF file instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No temporary folder for the print job: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The PDF %1 cannot be repaired: no file can be made beside it (%2). Check the free space and permissions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The PDF %1 was printed, but its text could not be repaired: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The repaired PDF %1 could not be put in place; check the folder&apos;s permissions.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::PrintPreview</name>
    <message>
        <source>Index print %1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Receipt %1 %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::PrintSources</name>
    <message>
        <source>Albums %1 and %2 belong to different customers; an index sheet shows one customer&apos;s albums.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name at least one album for the index sheet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disc %1 has no session %2 with photos. See keepsakectl disc show.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no disc %1 with photos in the catalog.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The customer has no hand-in %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The customer has not handed in any photos yet; there is no receipt to print.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no recording of disc %1 in the catalog.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no disc %1 in the catalog. The disc ID is on the disc&apos;s label and in keepsakectl disc show.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None of the albums has a photo &quot;%1&quot;. List their photos with keepsakectl photos --album ALBUM.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::PrivateFiles</name>
    <message>
        <source>The folder %1 cannot be created. Check the path and its permissions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The folder %1 cannot be created: %2. Check the path and its permissions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The folder %1 cannot be made private (mode 700): %2. Check its owner.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file %1 cannot be created: %2. Check the folder&apos;s permissions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file %1 cannot be made private (mode 600): %2. Check its owner.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::Purge</name>
    <message>
        <source>it is %1, not recorded on a disc</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s) are not on a disc that was verified by reading it back; verify the disc first (keepsakectl verify)</source>
        <translation>
            <numerusform>%n photo is not on a disc that was verified by reading it back; verify the disc first (keepsakectl verify)</numerusform>
            <numerusform>%n photos are not on a disc that was verified by reading it back; verify the disc first (keepsakectl verify)</numerusform>
        </translation>
    </message>
    <message>
        <source>still in its grace period until %1 (recorded on %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>on a verified disc; grace period of %n day(s) ended on %1</source>
        <translation>
            <numerusform>on a verified disc; grace period of %n day ended on %1</numerusform>
            <numerusform>on a verified disc; grace period of %n days ended on %1</numerusform>
        </translation>
    </message>
    <message>
        <source>There is no album %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Album %1 vanished during the purge.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Album %1 (%2) is not purged: %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The purge was stopped; purged albums stay purged, the rest are as before.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it changed while the purge ran (restored or purged meanwhile); it was left as it is</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing was purged: </source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::QrCode</name>
    <message>
        <source>The QR code for &quot;%1&quot; cannot be made (%2).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::QrLabel</name>
    <message>
        <source>The receipt&apos;s QR code: a scanner at the counter reads %1 from it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::Receipt</name>
    <message>
        <source>Receipt for your hand-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Receipt for your disc</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Handed in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New photos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Already received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New versions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not accepted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your albums</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>on disc %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>kept until %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n photo(s))</source>
        <translation>
            <numerusform>%1 (%n photo)</numerusform>
            <numerusform>%1 (%n photos)</numerusform>
        </translation>
    </message>
    <message>
        <source>Recorded onto disc</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1: %n photo(s)</source>
        <translation>
            <numerusform>%1: %n photo</numerusform>
            <numerusform>%1: %n photos</numerusform>
        </translation>
    </message>
    <message>
        <source>Pickup code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show this code at the counter to collect your order.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The receipt cannot be drawn: the printer or PDF file did not open for painting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The receipt could not be finished; check the free space and try again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::ReceiptPanel</name>
    <message>
        <source>Your pickup code:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print receipt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep it: the counter finds your hand-in by this code or its QR code. Tap Print receipt to take it with you on paper.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep it: the counter finds your hand-in by this code or its QR code. Write it down or take a photo of this screen; there is no receipt printer at this kiosk.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::RecordPanel</name>
    <message>
        <source>Albums to record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As the drive says (image file: DVD)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Look for drives</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disc</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Medium:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drive:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Burn and verify</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Index sheet…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Receipt…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How the albums fit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record albums of %1 — %2 onto a disc</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 — %2, %n photo(s), %3</source>
        <translation>
            <numerusform>%1 — %2, %n photo, %3</numerusform>
            <numerusform>%1 — %2, %n photos, %3</numerusform>
        </translation>
    </message>
    <message>
        <source>Image file %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record into an image file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disc images (*.iso);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No drives could be listed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tick the albums to record.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a drive, or an image file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking the disc in %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer check: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing can be recorded onto this disc.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to record: the albums ticked have no photos left to put on a disc.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer check passed: this is %1&apos;s own disc. The albums are added to it as a new session.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A blank disc: a new disc is started for %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everything fits onto one disc.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The albums need %n discs.</source>
        <translation>
            <numerusform>The albums need %n discs.</numerusform>
            <numerusform>The albums need %n discs.</numerusform>
        </translation>
    </message>
    <message>
        <source>An album larger than a disc is split across discs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This drive records one disc at a time: burn again with a blank disc for the rest.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disc %1 (%2): %3 of %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 (%n photo(s))</source>
        <translation>
            <numerusform>%1 (%n photo)</numerusform>
            <numerusform>%1 (%n photos)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Recording %n disc(s) for %1</source>
        <translation>
            <numerusform>Recording %n disc for %1</numerusform>
            <numerusform>Recording %n discs for %1</numerusform>
        </translation>
    </message>
    <message>
        <source>A burn is running already.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preparing the albums: %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Writing: %1 of %2, %3/s, about %n second(s) left</source>
        <translation>
            <numerusform>Writing: %1 of %2, %3/s, about %n second left</numerusform>
            <numerusform>Writing: %1 of %2, %3/s, about %n seconds left</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Verifying: %1 of %2 read back, about %n second(s) left</source>
        <translation>
            <numerusform>Verifying: %1 of %2 read back, about %n second left</numerusform>
            <numerusform>Verifying: %1 of %2 read back, about %n seconds left</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Disc %1, session %2: written in %3 s and verified — %n file(s) read back and matched, byte for byte, in %4 s. Pickup code %5.</source>
        <translation>
            <numerusform>Disc %1, session %2: written in %3 s and verified — %n file read back and matched, byte for byte, in %4 s. Pickup code %5.</numerusform>
            <numerusform>Disc %1, session %2: written in %3 s and verified — %n files read back and matched, byte for byte, in %4 s. Pickup code %5.</numerusform>
        </translation>
    </message>
    <message>
        <source>The prints of disc %1 failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Index sheet and receipt saved as %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n more disc(s) to burn: insert a blank disc and burn again.</source>
        <translation>
            <numerusform>%n more disc to burn: insert a blank disc and burn again.</numerusform>
            <numerusform>%n more discs to burn: insert a blank disc and burn again.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Recorded and verified: %n album(s).</source>
        <translation>
            <numerusform>Recorded and verified: %n album.</numerusform>
            <numerusform>Recorded and verified: %n albums.</numerusform>
        </translation>
    </message>
    <message>
        <source>Index sheet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Receipt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the customer whose albums go onto a disc.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find a customer by code, name, phone or e-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Look for drives, or choose an image file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The disc was checked and recorded meanwhile by another program of this device; the stations&apos; queue shows the job.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recorded elsewhere.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Burn stations&apos; queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image file on station %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The image file&apos;s absolute path on the machine of station %1 (not on this computer), e.g. /srv/discs/%2.iso:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; is no absolute path: name the image file from the root of station %2&apos;s file system, e.g. /srv/discs/disc.iso.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Station %1: image file %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Station %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Station %1: asking for its drives…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Station %1: image file on the station…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Station %1: not reachable: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Station %1: no drives of its own</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, %2, %3 free</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Station %1: %2 (%3) — %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Station %1 checks the disc in its drive before it writes anything: the customer&apos;s own disc gets a new session, another customer&apos;s disc is refused.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>image file %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The albums are recorded on station %1, %2: the station plans the discs, and an album larger than a disc is split across discs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recording on station %1 for %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job %1 on station %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job %1 of station %2 ended while this counter was away: %3 — %4</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::Records</name>
    <message numerus="yes">
        <source>%1  %2  [%3]  %n photo(s), %4 — %5</source>
        <translation>
            <numerusform>%1  %2  [%3]  %n photo, %4 — %5</numerusform>
            <numerusform>%1  %2  [%3]  %n photos, %4 — %5</numerusform>
        </translation>
    </message>
    <message>
        <source>(no date)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(unknown camera)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  — a version of photo %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>new               %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>new version       %1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>already received  %1 — the same as %2 (photo %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, on disc %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rejected          %1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  [kept on %1, on its way there]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  [kept on %1]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an unknown day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>looks like %1 (photo %2), handed in on %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>new               %1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>new version       %1 — %2; %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::RegisterPage</name>
    <message>
        <source>Please type your name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your PIN needs 4 to 8 digits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The two PINs differ. Please type the same PIN twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Register as a new customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone or e-mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PIN (4 to 8 digits)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PIN again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Register</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::RegistrationSlip</name>
    <message>
        <source>Welcome, %1!</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your customer code:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in at the kiosk with this code and your PIN. Keep this slip: the counter asks for the code when you pick up a disc.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The registration slip cannot be drawn: the printer did not start. Check the printer and print again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer code %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::RemoteBurn</name>
    <message>
        <source>A dry run plans on this device: leave out --station, or --dry-run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Station %1 did not take the job: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Station %1, job %2: </source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Station %1 could not be reached for %n minute(s): job %2 is left to it; keepsakectl jobs --station %1 shows how it ends, and records a verified disc.</source>
        <translation>
            <numerusform>Station %1 could not be reached for %n minute: job %2 is left to it; keepsakectl jobs --station %1 shows how it ends, and records a verified disc.</numerusform>
            <numerusform>Station %1 could not be reached for %n minutes: job %2 is left to it; keepsakectl jobs --station %1 shows how it ends, and records a verified disc.</numerusform>
        </translation>
    </message>
    <message>
        <source>Station %1 cancelled job %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Station %1, job %2 failed: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (burn)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job %1 is left to station %2: it goes on there, and its disc is recorded when this device next looks at the queue.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::RemoteIngest</name>
    <message>
        <source>Cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be read to its end (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file is empty (0 bytes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file is too large for a photo (%1 MB; Keepsake takes photos up to %2 MB)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The device answered %1 of %2 offered files.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 could not be sent: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file cannot be read (%1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::RemoteKioskBackend</name>
    <message>
        <source>Receipt of hand-in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The receipt cannot be kept on this kiosk for printing: %1. Check the free space of its temporary folder.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::Retention</name>
    <message>
        <source>The catalog has no retention rule for new albums. Add one with keepsakectl rule add.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::RetentionRules</name>
    <message>
        <source>There is no retention rule called &quot;%1&quot;. See keepsakectl rule list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no retention rule %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A retention rule needs a name, e.g. &quot;Premium 1 year&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rule &quot;%1&quot;: --keep-days takes a whole number of days from 1 to 36500.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rule &quot;%1&quot;: --cap-bytes takes a positive number of bytes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is already a retention rule called &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) after hand-in</source>
        <translation>
            <numerusform>%n day after hand-in</numerusform>
            <numerusform>%n days after hand-in</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) after the last view</source>
        <translation>
            <numerusform>%n day after the last view</numerusform>
            <numerusform>%n days after the last view</numerusform>
        </translation>
    </message>
    <message>
        <source>while the customer&apos;s plan lasts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, at most %1 per customer (oldest albums expire first)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::RoutingCommands</name>
    <message>
        <source>the device that keeps a camera body&apos;s photos: add, list, remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage: keepsakectl camera add|list|remove ...
  add     keep a camera body&apos;s photos on a device, wherever they are handed in
  list    the registered cameras
  remove  forget a camera&apos;s registration
Example:
  keepsakectl camera add --serial 380319450 --make Canon --device store-berlin
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say what to do with cameras: add, list or remove. See: keepsakectl camera --help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registers a camera body: its photos are kept on the device named, whichever device receives them. The serial matches regardless of case; with --make, the camera&apos;s make must be that make (&quot;Nikon&quot; matches &quot;NIKON CORPORATION&quot;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the camera&apos;s body serial number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SERIAL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the camera&apos;s make, if the serial alone is not enough</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MAKE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the device that keeps its photos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DEVICE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A camera registration needs --serial and --device.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Registered camera %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lists the registered camera bodies.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n camera(s)</source>
        <translation>
            <numerusform>%n camera</numerusform>
            <numerusform>%n cameras</numerusform>
        </translation>
    </message>
    <message>
        <source>Forgets a camera body&apos;s registrations: its next photos are kept by the usual rule (the owner&apos;s home device, else the receiving one). Photos already stored stay where they are.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name the camera: --serial SERIAL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Camera %1 is no longer registered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>photos this device still owes the devices that keep them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lists the photos this device received for another device and has not yet delivered there: in flight or waiting for the target to be reachable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a device: it forwards no photos.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n photo(s) waiting to be forwarded.</source>
        <translation>
            <numerusform>%n photo waiting to be forwarded.</numerusform>
            <numerusform>%n photos waiting to be forwarded.</numerusform>
        </translation>
    </message>
    <message>
        <source>an address for a customer&apos;s phone to hand photos in: open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say what to do: keepsakectl upload open --customer C</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Makes an upload address for the customer&apos;s phone: its page takes one hand-in of photos and dies when that is finished, or after 15 minutes. The kiosk shows it as a QR code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the customer&apos;s code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upload address for %1, until %2:
%3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::RuleBook</name>
    <message>
        <source>The retention rule &quot;%1&quot; was not added: only the lab&apos;s clerk adds retention rules, not %2. Ask at the counter.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::ServiceCall</name>
    <message>
        <source>The request is too large.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request&apos;s body is not a JSON object.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::ServiceProtocol</name>
    <message>
        <source>The device answered HTTP %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::SettingEdits</name>
    <message>
        <source>The setting %1 was not changed: only the lab&apos;s clerk changes settings, not %2. Ask at the counter.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::SettingFields</name>
    <message>
        <source>Lab name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On discs, receipts and index prints, and under every mail.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lab address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On receipts and under every mail.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notice before expiry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customers, and the people they shared an album with, get a mail this many days before the album expires.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep after recording</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After an album went onto a disc its photos stay here, hidden from customers, for this many days in case the disc is lost or faulty; then they are deleted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>delete at once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rule for new albums</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How long a new album is kept. Rules are added with keepsakectl rule add.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mail server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server that sends the notices, for example mail.example.com. Left empty, no mail goes out: notices wait in the queue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usually 587 (mail submission) or 25.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encryption</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With a user name or password set, mails go out only encrypted unless &quot;never&quot; is chosen (then the password too travels in clear).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encrypt when the server offers it (STARTTLS)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Always encrypt (STARTTLS required)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Never encrypt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none: the server takes mail without signing in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sender address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The address the notices come from; customers&apos; replies go there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Index print paper</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>US Letter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Photo paper 10 × 15 cm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Photo paper 4 × 6 in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Photos per row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On an index print.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>as many as suit the paper</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Receipt paper</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>80 mm receipt roll</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customers&apos; web page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The address the notice mails link to, as customers reach it from home (https://...). Left empty, the address of the lab&apos;s first device.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the first device&apos;s address</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::Settings</name>
    <message>
        <source>the lab&apos;s name on discs, prints and mails</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the lab&apos;s address on receipts and mails</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>days before expiry that owner and viewers are told</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>days a recorded album stays hidden before deletion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the retention rule new albums get</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mail server for notices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mail server port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mail server user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mail server password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sender address of notices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>paper of the index prints made after a recording: a4, letter, 10x15 or 4x6</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>photos per row of an index print; 0: the paper&apos;s default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>paper of receipts: 80mm (roll), a4 or letter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no setting called %1. See keepsakectl config list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be &quot;%2&quot;: it takes %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no setting called %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a whole number from %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>one of: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>auto (encrypt when the server offers STARTTLS; with smtp.user or smtp.password set, the mail goes only encrypted), required, or off (never encrypt: the password too goes in clear)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The setting %1 could not be read from the catalog: %2. Check the catalog with keepsakectl check, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a whole number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The setting %1 holds &quot;%2&quot;, but it takes %3. Set it again with keepsakectl config set %1 VALUE (or in the counter&apos;s settings).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an https:// address, like https://lab.example:8443</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>address of the customers&apos; web page in mails (https://HOST:PORT); empty: the first device&apos;s URL</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::SettingsDialog</name>
    <message>
        <source>Keepsake — Lab settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data, printers and drives</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To use another data folder, start Keepsake with --data-dir or set KEEPSAKE_DATA_DIR.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Catalog</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PostgreSQL (shared by the chain)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SQLite in the data folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none found (prints go to PDF files)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send a test mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an address to send it to, e.g. the lab&apos;s own</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Uses the settings above as they stand, saved or not.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending a test mail to %1 through %2…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The test mail to %1 was sent. Check that it arrived.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::ShareRuleCommands</name>
    <message>
        <source>who may view an album: add, remove, list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage: keepsakectl share add|remove|list ...
  add     let a customer or an e-mail address view an album
  remove  take that permission back
  list    who may view an album
Example:
  keepsakectl share add --album 12 --with C2
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say what to do with shares: add, remove or list. See: keepsakectl share --help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lets another customer or an e-mail address view an album.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Takes back the permission to view an album.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the album&apos;s ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ALBUM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the album&apos;s owner, to name the album by its title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a customer code or an e-mail address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C|EMAIL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name the album and the viewer: --album ID --with CODE|EMAIL.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Album %1 (%2) may now be viewed by %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Album %1 (%2) may no longer be viewed by %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lists who may view an album.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name the album: --album ID.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1  since %2, by %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Album %1 (%2, owner %3): %n viewer(s)</source>
        <translation>
            <numerusform>Album %1 (%2, owner %3): %n viewer</numerusform>
            <numerusform>Album %1 (%2, owner %3): %n viewers</numerusform>
        </translation>
    </message>
    <message>
        <source>retention rules: add, list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Usage: keepsakectl rule add|list ...
  add   a named retention rule
  list  the lab&apos;s rules
Example:
  keepsakectl rule add &quot;Premium 1 year&quot; --keep-days 365
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say what to do with rules: add or list. See: keepsakectl rule --help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adds a named retention rule.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the rule&apos;s name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NAME</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>days to keep an album</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>N</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>count from the hand-in (default) or the last view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>handin|last-view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>keep while the customer&apos;s plan lasts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>at most this many bytes per customer; oldest albums expire first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name the rule once, e.g. keepsakectl rule add &quot;Premium 1 year&quot; --keep-days 365.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give either --keep-days N or --while-plan.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--keep-days takes a whole number of days.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--after takes handin or last-view, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--cap-bytes takes a number of bytes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added rule &apos;%1&apos;: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lists the lab&apos;s retention rules.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n rule(s)</source>
        <translation>
            <numerusform>%n rule</numerusform>
            <numerusform>%n rules</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Keepsake::Shares</name>
    <message>
        <source>There is no customer with the code %1. Give a customer code or an e-mail address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Album %1 belongs to this customer already; share it with somebody else.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Album %1 was deleted after recording; it cannot be shared.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Album %1 is not shared with %2; see keepsakectl share list --album %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no album %1. List the customer&apos;s albums with keepsakectl albums --customer CODE.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::SignInPage</name>
    <message>
        <source>Sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Welcome, %1! Your customer code:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::SmtpMailer</name>
    <message>
        <source>No mail server is configured; set one with keepsakectl config set smtp.host HOST.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>libcurl could not start a mail transfer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The mail to %1 could not be sent through %2:%3: %4%5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (the server said: %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The mail to %1 was not sent: the mail server %2 offers no encryption (no STARTTLS), and smtp.starttls is required. Use a mail server with STARTTLS, or change smtp.starttls.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The mail to %1 was not sent: the mail server %2 offers no encryption (no STARTTLS), and the password is not sent in clear. Set smtp.starttls off to allow it, or use a mail server with STARTTLS.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::StationBurn</name>
    <message>
        <source>Preparing the albums (photos fetched from their devices)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing onto %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the disc back to verify it</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::StationClient</name>
    <message>
        <source>%1 is not a device of a chain, so it cannot ask a burn station: run keepsakectl device init first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no station %1 in this chain: keepsakectl device list names its devices.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Station %1 answered without a job.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::StationCommands</name>
    <message>
        <source>queued, %1 in line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1  %2 %3  customer %4  %5  %6 %  %7</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the burn stations&apos; jobs: queued, running, ended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lists the recordings asked of a burn station (or of every station of the chain), oldest first, with their state, place in the queue, progress and message. Run on the device that asked for a job, it also records the discs a station verified while that device was not waiting for them (it was stopped or cut off).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>only this station&apos;s jobs, as the station tells them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DEVICE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (jobs)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job %1 of station %2 ended while nobody waited for it: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n job(s).</source>
        <translation>
            <numerusform>%n job.</numerusform>
            <numerusform>%n jobs.</numerusform>
        </translation>
    </message>
    <message>
        <source>cancel a burn station&apos;s job (job cancel ID)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asks the job&apos;s station to cancel it: a queued job ends at once, a running one at its next step; no image is left and the albums stay expired. A job that has ended stays as it ended.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the sub-command</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the job&apos;s number, as jobs shows it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say: keepsakectl job cancel ID.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job %1 is %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job %1 is asked to stop.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::StationDrives</name>
    <message>
        <source>The chain&apos;s burn stations could not be read from the catalog: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::StationJobs</name>
    <message>
        <source>There is no burn station job %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Burn station job %1 ended while its disc was being verified.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::StationQueueView</name>
    <message>
        <source>Job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Station</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (counter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A disc a station verified could not be recorded yet: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The burn stations&apos; queue could not be read from the catalog: %1. It is read again in a few seconds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>image file %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>queued, %1 in line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>queued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>verified, to be recorded by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>verifying</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asking station %1 to cancel job %2…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job %1 could not be cancelled: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job %1 is %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job %1 is asked to stop; its station stops it at its next step.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::StationReport</name>
    <message>
        <source>The station&apos;s report of the job cannot be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The station&apos;s report of disc %1 is incomplete.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::StationRoutes</name>
    <message>
        <source>An image file on station %1 is named by its absolute path there: stdio:/path/disc.iso, not %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Station %1 has no drive %2: keepsakectl drives --station %1 lists its drives.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Album %1 belongs to customer %2, not to %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A job is named by its number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job %1 is not a job of station %2, but of %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only %1, which asked for job %2, can reject its disc.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rejected by %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::StationRunner</name>
    <message>
        <source>%1 is not a device of a chain: a burn station is a device (keepsakectl device init).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The station stopped or restarted during this job: nothing was recorded, the albums stay expired. Burn again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to record: the customer has no expired albums.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Verified: %n file(s) read back intact; waiting for %1 to record it.</source>
        <translation>
            <numerusform>Verified: %n file read back intact; waiting for %1 to record it.</numerusform>
            <numerusform>Verified: %n files read back intact; waiting for %1 to record it.</numerusform>
        </translation>
    </message>
    <message>
        <source>The station was stopped during this job: nothing was recorded, the albums stay expired. Burn again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled before it started; the albums stay expired.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::StationSettlement</name>
    <message>
        <source>Burn station job %1 has no verified disc to record (it is %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The manifest of disc %1 that station %2 reports cannot be read: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to record: the customer has no expired albums.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recorded on disc %1 and verified.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Station %1 signed disc %2 with a key this chain does not know (%3): nothing was recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Station %1 reports session %2 of disc %3, which its manifest does not hold: nothing was recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Station %1 wrote disc %2 for customer %3, not for %4: nothing was recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disc %1 holds album %2, which job %3 did not ask for: nothing was recorded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disc %1 lists photo %2 (%3) of album &apos;%4&apos; with other bytes than the catalog holds: nothing was recorded. Run keepsakectl check on the device that keeps it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Station %1 verified disc %2, but the catalog could not record it: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job %1 was recorded elsewhere.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::StatusCommand</name>
    <message>
        <source>the lab at a glance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shows customers, albums by state, the store&apos;s size and free space, and failures.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data folder: %1
Catalog:     %2 (schema %3)
Customers:   %4
Albums:      %5
Photos:      %6 in %7 stored files, %8
Free space:  %9
Failed hand-ins: %10</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interrupted hand-ins: %1 (their program ended before they did; the photos stored stay, hand those cards in again)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::Store</name>
    <message>
        <source>%1 cannot be read: %2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::StoreCheck</name>
    <message>
        <source>The check of the photo store was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::StoreCommands</name>
    <message>
        <source>make the missing thumbnails of stored photos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>only this customer&apos;s photos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>thumbnails</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No thumbnail for stored file %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>check that the photo store and the catalog agree</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checks every stored file against the catalog: files nothing references, catalogued files that are missing, files whose bytes changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>delete the files nothing references</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unreferenced: %1 (no photo uses it; --repair deletes it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>missing: %1 is catalogued but its file is gone; restore the store from backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>damaged: the bytes of %1 changed; restore it from backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The store and the catalog agree (%1 files checked).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 files checked: %2 unreferenced (%3 deleted), %4 missing, %5 damaged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>warning: %1 has mode %2: other local users can read the lab&apos;s photos, PIN hashes or mail password. Run: chmod %3 %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Makes every missing thumbnail (grid and print size) of the stored photos, and gives the photos stored before near-duplicates were looked for their picture hash.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 thumbnails made, %2 were there, %3 failed; %4 photos stored before got their picture hash (%5 s).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::StoreLock</name>
    <message>
        <source>The photo store&apos;s lock %1 cannot be opened: %2. Check the data folder&apos;s permissions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The photo store&apos;s lock %1 cannot be taken: %2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::TerminalNotices</name>
    <message>
        <source>There is no notice %1 for a terminal; show the customer&apos;s notices again and choose one of them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has no notices of their own.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 may not mark notice %2 read: it is somebody else&apos;s.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::TerminalSessions</name>
    <message>
        <source>The customer&apos;s session at this terminal has ended: sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::Terminals</name>
    <message>
        <source>The terminal name &quot;%1&quot; is not usable: give 1 to 64 characters on one line, e.g. kiosk-1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This device already has a terminal named %1. Remove it first (keepsakectl terminal remove %1), or choose another name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This device has no terminal named %1. See: keepsakectl terminal list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This terminal&apos;s token is not accepted by the device (unknown or revoked). Pair the terminal again: keepsakectl terminal add NAME.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::TestMail</name>
    <message>
        <source>No mail server is set: enter the mail server&apos;s name first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The test mail was not sent: &quot;%1&quot; is not a usable address (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The test mail was not sent: the sender address &quot;%1&quot; is not usable (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test mail from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This mail was sent from the counter&apos;s settings to check that %1 can send its notices through %2.
Nothing needs to be done.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The test mail to %1 was not sent: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::ThumbnailJob</name>
    <message>
        <source>Cancelled after %1 of %2 thumbnails.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open the stored file %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::Thumbnailer</name>
    <message>
        <source>A thumbnail needs the file&apos;s SHA-256, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no picture to make a thumbnail from.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The thumbnail cannot be encoded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No thumbnail for %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the thumbnail folder for %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write the thumbnail %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The thumbnail received for %1 is no JPEG picture of the expected size.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::TouchKeyboard</name>
    <message>
        <source>Caps lock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shift</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backspace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Space</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keyboard: %1. Tap for another language.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Digits and symbols</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Letters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Voiced sound mark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Small kana</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hiragana</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Katakana</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::UploadRoutes</name>
    <message>
        <source>&quot;%1&quot; is not an ID.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::UsbCameraCopy</name>
    <message>
        <source>%1 shows no files. A phone shows its photos only while it is unlocked and allows this computer in (&quot;Trust&quot; on an iPhone; &quot;File transfer&quot; or &quot;PTP&quot; on Android): unlock it, allow access, then unplug it and plug it in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not copied: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the camera gives this folder a name that cannot be a folder&apos;s name here; its files were not copied</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>the folder lies more than %n folder(s) deep on the camera; its files were not copied</source>
        <translation>
            <numerusform>the folder lies more than %n folder deep on the camera; its files were not copied</numerusform>
            <numerusform>the folder lies more than %n folders deep on the camera; its files were not copied</numerusform>
        </translation>
    </message>
    <message>
        <source>the camera gives this file a name that cannot be a file&apos;s name here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file is too large for a photo (%1 MB; Keepsake takes photos up to %2 MB); it was not copied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no room for the photos of %1: they take %2, and %3 has only %4 free. Free some space there and hand the camera in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The spool folder %1 cannot be made: check the free space and permissions of %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be written into the spool folder %2: %3.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::UsbCameras</name>
    <message>
        <source>Name the camera&apos;s port (`keepsakectl usb` lists the cameras connected now).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No camera or phone is connected at %1: plug it in and unlock it, or name its model.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::UsbCommand</name>
    <message>
        <source>cameras and phones connected by USB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lists the cameras and phones connected to this computer by USB that libgphoto2 reads (PTP, MTP): their model and port. Hand one in with: ingest --customer C --usb PORT. A phone shows up only while it is unlocked and allows this computer in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No camera or phone on USB. A phone shows up only while it is unlocked and allows this computer in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n camera(s) or phone(s); hand one in with: keepsakectl ingest --customer C --usb PORT</source>
        <translation>
            <numerusform>%n camera or phone; hand one in with: keepsakectl ingest --customer C --usb PORT</numerusform>
            <numerusform>%n cameras or phones; hand one in with: keepsakectl ingest --customer C --usb PORT</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Keepsake::UsbHandin</name>
    <message>
        <source>Stopped while copying from %1: nothing of it was handed in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The spool folder %1 cannot be made: check the free space and permissions of %2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::WebFront</name>
    <message>
        <source>Method not allowed here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No such page: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This request did not come from the lab&apos;s page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No such path: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::WebLinks</name>
    <message>
        <source>The lab serves no web page: set web.url or make this data folder a device.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This link was used already or has expired: sign in with your customer code and PIN, or ask the lab for a new link.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::WebPage</name>
    <message>
        <source>Your photos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skip to the content</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The lab cannot be reached. Check your connection and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The lab answered with an error (%1). Try again later, or ask the lab.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 KB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 MB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 GB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in with the customer code from your receipt and your PIN.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This link was used already or has expired: sign in with your customer code and PIN, or ask the lab.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Customer code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter your customer code and your PIN.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (customer %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Viewing as %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Albums</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There are no albums for you to see right now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cover photo of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shared by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Photos: %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kept here until %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Goes onto disc soon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to the albums</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download all (zip)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download the album %1 as a zip file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This album has no photos.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Download %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (no preview)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No notices.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notices, unread: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the album %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark the notice &quot;%1&quot; read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New notice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close this message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hand in photos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Photos for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This address works until %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the photos and videos to hand in. They go to the lab as they are, in full quality.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose photos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Files chosen: %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send to the lab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Progress of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking file %1 of %2…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending file %1 of %2…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending: %1 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The lab has this photo already: nothing to send.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The lab refused this file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refused: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not sent: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Handing in…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The lab is taking in the photos: %1 of %2 done.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Handed in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New: %1. Handed in before: %2. New versions: %3. Not taken: %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You can close this page now: the photos are in your albums at the lab.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The hand-in failed. Ask at the counter for help.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This upload address has expired or was used already. Ask at the kiosk for a new QR code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These photos were handed in already. To hand in more, ask at the kiosk for a new QR code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This browser cannot check the photos on this page. Open the address from the QR code again (it begins with https), or ask at the kiosk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This address is incomplete. Scan the QR code at the kiosk again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New photo: stored at the lab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Handed in before: not stored again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New version of a photo handed in before: stored at the lab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not taken: no photo or video could be read from this file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not taken: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::WebPhoneRoutes</name>
    <message>
        <source>A piece of a photo needs its path and offset.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A piece of %1 is larger than the device takes: send smaller pieces.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::WebReply</name>
    <message>
        <source>The photo&apos;s file is gone from this device: ask the lab.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::WebRoutes</name>
    <message>
        <source>&quot;%1&quot; is not an ID.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is kept on %2, not on this device: download it there, or ask the lab.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::WebSessions</name>
    <message>
        <source>Your session on this page has ended: sign in again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::WelcomePage</name>
    <message>
        <source>Welcome to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your card is ready. Sign in with your customer code and PIN to hand in its photos.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Insert a memory card or USB stick, or sign in to see your albums.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your camera or phone is connected. Sign in with your customer code and PIN to hand in its photos.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keepsake::XmpSidecar</name>
    <message>
        <source>The metadata of %1 could not be written as XMP.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sidecar %1 could not be written: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Keepsake: photo keeping for photo labs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The lab&apos;s data folder (or KEEPSAKE_DATA_DIR).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DIR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sqlite:PATH or postgresql://USER@HOST:PORT/DB (or KEEPSAKE_CATALOG).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start the customers&apos; touchscreen instead of the counter window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folders where cards and USB sticks are mounted, for the kiosk (default /media and /run/media; may be repeated).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the kiosk in a window instead of full screen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keepsake</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The kiosk as the client of this device&apos;s service, https://HOST:PORT (or KEEPSAKE_DEVICE): it opens no lab here; --data-dir then only holds its cache of thumbnails.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The device&apos;s certificate fingerprint, as terminal add printed it (or KEEPSAKE_DEVICE_FINGERPRINT).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This kiosk&apos;s token, as terminal add printed it (or KEEPSAKE_DEVICE_TOKEN).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TOKEN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--device takes the device&apos;s address as https://HOST:PORT, not &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--device needs the device&apos;s certificate fingerprint (--fingerprint) and this kiosk&apos;s token (--token), as keepsakectl terminal add printed them on the device.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--device is for the kiosk: keepsake --kiosk --device URL --fingerprint FP --token TOKEN.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The CUPS queue of the receipt printer beside the kiosk (or KEEPSAKE_RECEIPT_PRINTER): a hand-in&apos;s receipt is printed there on request. Without one the kiosk shows the receipt on its screen only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>QUEUE</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
