/// The CI files `limber init --ci` writes: on every push to the default branch, install Limber, build
/// the site for the forge's Pages address and publish it there.
///
/// Limber comes from its Debian package when `LIMBER_DEB_URL`, at the top of the file, gives a
/// release's address (seconds, in Debian 12); when it is empty, Limber is built with Swift from
/// `LIMBER_GIT_URL` at the tag of the Limber that wrote the file (minutes, in Swift's own Debian 12
/// image). Both runs keep Limber and the encoded pictures (`.limber/pictures/`) in the forge's cache.
public enum PagesWorkflow {
    /// The forges whose Pages `limber init --ci` can publish to.
    public enum Forge: String, CaseIterable, Sendable {
        case github
        case gitlab

        /// Where the forge looks for its CI file.
        public var path: String {
            switch self {
            case .github: ".github/workflows/pages.yml"
            case .gitlab: ".gitlab-ci.yml"
            }
        }

        /// What to do after `limber init`, for `init` to print.
        public var nextSteps: String {
            switch self {
            case .github:
                "Set LIMBER_DEB_URL at the top of \(path), push to GitHub, and turn Pages on once: "
                    + "Settings → Pages → Build and deployment → Source: GitHub Actions."
            case .gitlab:
                "Set LIMBER_DEB_URL at the top of \(path) and push to GitLab: the pages job publishes the "
                    + "site at the address shown under Deploy → Pages."
            }
        }
    }

    /// The Git tag of this Limber, which a workflow builds when it has no package to install.
    static let tag = "v" + Limber.version

    /// The Debian 12 images a job runs in: Limber's package is built for Debian 12, and Swift's own
    /// image has the compiler.
    static let debianImage = "debian:bookworm-slim"
    static let swiftImage = "swift:6.3-bookworm"

    /// The CI file for `forge`.
    public static func file(for forge: Forge) -> String {
        switch forge {
        case .github: github
        case .gitlab: gitlab
        }
    }

    // MARK: - Shared

    /// The variables at the top of both files, with what they are for.
    static func variables(indent: String) -> String {
        """
        \(indent)# Where this site's build gets Limber. Set LIMBER_DEB_URL to the address of the Debian package
        \(indent)# limber_\(Limber.version)_amd64.deb from a Limber release (or any web address you copied it to):
        \(indent)# the build installs it in seconds. Left empty, the build compiles Limber with Swift from
        \(indent)# LIMBER_GIT_URL (a clone of Limber's repository) at LIMBER_TAG instead: several minutes the
        \(indent)# first time, then it comes from the cache.
        \(indent)LIMBER_DEB_URL: ""
        \(indent)LIMBER_GIT_URL: ""
        \(indent)LIMBER_TAG: \(tag)
        """
    }

    /// Installs Limber on Debian 12 as root, keeping what it fetched or built in `.limber-ci/`,
    /// which both workflows cache.
    static let installScript = """
        set -eu
        if [ -z "$LIMBER_DEB_URL" ] && [ -z "$LIMBER_GIT_URL" ]; then
          echo "error: set LIMBER_DEB_URL (or LIMBER_GIT_URL) at the top of this CI file: see the comment there" >&2
          exit 1
        fi
        from="${LIMBER_DEB_URL:-$LIMBER_GIT_URL $LIMBER_TAG}"
        mkdir -p .limber-ci
        if [ "$(cat .limber-ci/from 2>/dev/null || true)" != "$from" ]; then
          rm -f .limber-ci/limber.deb .limber-ci/limber
        fi
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        if [ -n "$LIMBER_DEB_URL" ]; then
          if [ ! -f .limber-ci/limber.deb ]; then
            apt-get install -y -qq --no-install-recommends ca-certificates curl >/dev/null
            curl -fsSL -o .limber-ci/limber.deb "$LIMBER_DEB_URL"
          fi
          # Without the recommended chromium: add it here if the site prints its sheets (pdf: true).
          apt-get install -y -qq --no-install-recommends ./.limber-ci/limber.deb >/dev/null
        else
          apt-get install -y -qq pkg-config libcmark-gfm-dev libcmark-gfm-extensions-dev libqrencode-dev \\
            libyaml-dev libvips-dev >/dev/null
          if [ ! -x .limber-ci/limber ]; then
            rm -rf .limber-ci/source
            git clone --quiet --depth 1 --branch "$LIMBER_TAG" "$LIMBER_GIT_URL" .limber-ci/source
            swift build -c release --product limber --package-path .limber-ci/source
            cp .limber-ci/source/.build/release/limber .limber-ci/limber
            rm -rf .limber-ci/source
          fi
          ln -sf "$PWD/.limber-ci/limber" /usr/local/bin/limber
        fi
        echo "$from" > .limber-ci/from
        limber --version
        """

    static func indented(_ text: String, by indent: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.isEmpty ? "" : indent + $0 }.joined(separator: "\n")
    }

    // MARK: - GitHub

    static var github: String {
        """
        # Builds this Limber site and publishes it on GitHub Pages, on every push to main.
        # Turn Pages on once: Settings → Pages → Build and deployment → Source: GitHub Actions.
        name: Publish the site on GitHub Pages

        on:
          push:
            branches: [main]
          workflow_dispatch:

        env:
        \(variables(indent: "  "))

        permissions:
          contents: read
          pages: write
          id-token: write

        # One deployment at a time; a newer push waits for the running one instead of cutting it off.
        concurrency:
          group: pages
          cancel-in-progress: false

        jobs:
          # The image the build runs in, chosen here because a job's container cannot read env.
          image:
            runs-on: ubuntu-latest
            outputs:
              name: ${{ env.LIMBER_DEB_URL != '' && '\(debianImage)' || '\(swiftImage)' }}
            steps:
              - name: Say where Limber comes from
                run: echo "Limber from ${LIMBER_DEB_URL:-$LIMBER_GIT_URL at $LIMBER_TAG}"

          build:
            needs: image
            runs-on: ubuntu-latest
            container:
              image: ${{ needs.image.outputs.name }}
            steps:
              - uses: actions/checkout@v4

              - name: Keep Limber between runs
                uses: actions/cache@v4
                with:
                  path: .limber-ci
                  key: limber-${{ env.LIMBER_DEB_URL }}-${{ env.LIMBER_GIT_URL }}-${{ env.LIMBER_TAG }}

              # Encoded pictures are kept by the hash of their source: a run encodes only new ones.
              - name: Keep the encoded pictures between runs
                uses: actions/cache@v4
                with:
                  path: .limber/pictures
                  key: limber-pictures-${{ github.sha }}
                  restore-keys: limber-pictures-

              - name: Install Limber
                run: |
        \(indented(installScript, by: "          "))

              - name: Find the address Pages serves the site at
                id: pages
                uses: actions/configure-pages@v5

              # https://<user>.github.io/<repository>/ or the site's own domain: the canonical links, the
              # sitemap, the feed and the QR codes on the sheets lead there.
              - name: Build the site
                run: limber build --base-url "${{ steps.pages.outputs.base_url }}/"

              - name: Upload public/
                uses: actions/upload-pages-artifact@v4
                with:
                  path: public

          deploy:
            needs: build
            runs-on: ubuntu-latest
            environment:
              name: github-pages
              url: ${{ steps.deployment.outputs.page_url }}
            steps:
              - name: Deploy to GitHub Pages
                id: deployment
                uses: actions/deploy-pages@v4

        """
    }

    // MARK: - GitLab

    static var gitlab: String {
        """
        # Builds this Limber site and publishes it on GitLab Pages, on every push to the default branch.
        # The address is shown under Deploy → Pages once the first run has passed.
        variables:
        \(variables(indent: "  "))

        pages:
          # Limber's package installs on Debian 12; building it from source needs Swift's own image.
          image: $LIMBER_IMAGE
          rules:
            - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH && $LIMBER_DEB_URL
              variables:
                LIMBER_IMAGE: \(debianImage)
            - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH
              variables:
                LIMBER_IMAGE: \(swiftImage)
          cache:
            - key: limber-$LIMBER_TAG
              paths:
                - .limber-ci/
            # Encoded pictures are kept by the hash of their source: a run encodes only new ones.
            - key: limber-pictures
              paths:
                - .limber/pictures/
          script:
            - |
        \(indented(installScript, by: "      "))
            # The canonical links, the sitemap, the feed and the QR codes on the sheets lead here.
            - limber build --base-url "$CI_PAGES_URL/"
          artifacts:
            paths:
              - public

        """
    }
}
